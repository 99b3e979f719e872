import { and, eq, isNull } from "drizzle-orm";
import { groupFacilitators, groups, userRoles, users } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { formatMoney } from "../../i18n/format";
import { notify, queueEmail } from "../notifications/notifications.server";

/** Where everyone reads a grant's agreement and schedule. */
export function grantLink(grantId: string): string {
  return `/grants/${grantId}`;
}

/** Where finance prepares the grant's disbursements. */
export function financeGrantLink(grantId: string): string {
  return `/finance/grants/${grantId}`;
}

export interface DueTranche {
  position: number;
  amount: bigint;
}

/**
 * Tells every finance user that tranches of a grant became due, in the caller's transaction: an
 * in-app notice and an e-mail in each one's language. Finance acts on it (SPEC.md step 8).
 */
export async function tellFinanceTranchesDue(
  tx: DbOrTx,
  grant: { id: string; groupName: string; applicationTitle: string },
  due: readonly DueTranche[],
): Promise<void> {
  if (due.length === 0) return;
  const staff = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "finance"), isNull(users.disabledAt)));
  // Finance acts on its own ledger page of the grant (app/routes/finance.grants.$grantId.tsx).
  const link = financeGrantLink(grant.id);
  for (const person of staff) {
    for (const tranche of due) {
      await notify(tx, {
        userId: person.id,
        messageKey: "grants.notice.trancheDue",
        params: { position: String(tranche.position), group: grant.groupName, amount: formatMoney(tranche.amount, person.locale) },
        link,
      });
    }
    if (person.email) {
      await queueEmail(tx, {
        to: person.email,
        locale: person.locale,
        template: "grant-tranche-due",
        props: {
          name: person.name,
          groupName: grant.groupName,
          applicationTitle: grant.applicationTitle,
          tranches: due.map((t) => ({ position: t.position, amount: t.amount })),
          link: `${getEnv().appUrl}${link}`,
        },
      });
    }
  }
}

/**
 * An in-app notice to the group's people (its leader's account and its facilitators), except
 * whoever caused it: a facilitator's acceptance tells the leader, an admin's cancellation tells both.
 */
export async function tellGroup(
  tx: DbOrTx,
  grant: { id: string; groupId: string; applicationTitle: string },
  messageKey: "grants.notice.accepted" | "grants.notice.cancelled",
  exceptUserId: string,
): Promise<void> {
  const [group] = await tx
    .select({ ownerId: users.id })
    .from(groups)
    .leftJoin(users, and(eq(users.id, groups.ownerId), isNull(users.disabledAt)))
    .where(eq(groups.id, grant.groupId));
  const facilitators = await tx
    .select({ id: users.id })
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(and(eq(groupFacilitators.groupId, grant.groupId), isNull(users.disabledAt)));
  const readers = new Set(facilitators.map((f) => f.id));
  if (group?.ownerId) readers.add(group.ownerId);
  readers.delete(exceptUserId);
  for (const userId of readers) {
    await notify(tx, { userId, messageKey, params: { title: grant.applicationTitle }, link: grantLink(grant.id) });
  }
}
