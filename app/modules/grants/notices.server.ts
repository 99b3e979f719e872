import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";

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
 * in-app notice per tranche and one e-mail in each one's language. Finance acts on it (SPEC.md step 8).
 */
export async function tellFinanceTranchesDue(
  tx: DbOrTx,
  grant: { id: string; groupName: string; applicationTitle: string },
  due: readonly DueTranche[],
): Promise<void> {
  if (due.length === 0) return;
  // Finance acts on its own ledger page of the grant (app/routes/finance.grants.$grantId.tsx).
  const link = financeGrantLink(grant.id);
  const staff = await roleHolders("finance")(tx);
  for (const tranche of due) {
    await tell(tx, {
      to: staff,
      inApp: {
        messageKey: "grants.notice.trancheDue",
        // Formatted when read (NoticeText), in the language she reads then.
        params: { position: String(tranche.position), group: grant.groupName, amount: tranche.amount.toString() },
        link,
      },
    });
  }
  await tell(tx, {
    to: staff,
    email: {
      template: "grant-tranche-due",
      props: (person) => ({
        name: person.name,
        groupName: grant.groupName,
        applicationTitle: grant.applicationTitle,
        tranches: due.map((t) => ({ position: t.position, amount: t.amount })),
        link: `${getEnv().appUrl}${link}`,
      }),
    },
  });
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
  await tell(tx, {
    to: groupPeople(grant.groupId),
    except: exceptUserId,
    inApp: { messageKey, params: { title: grant.applicationTitle }, link: grantLink(grant.id) },
  });
}

/** The grant's payments stopped, started again, or stopped for good (issue 14). */
export type StopEvent = "suspended" | "resumed" | "terminated";

const groupKeys = { suspended: "grants.notice.suspended", resumed: "grants.notice.resumed", terminated: "grants.notice.terminated" } as const;
const financeKeys = { suspended: "grants.notice.financeSuspended", resumed: "grants.notice.financeResumed", terminated: "grants.notice.financeTerminated" } as const;

/**
 * Tells the group's people why their payments stopped or started again (they read the reason), and
 * every finance user, who must stop or start paying: in the caller's transaction, except the admin
 * who acted.
 */
export async function tellOfStop(
  tx: DbOrTx,
  grant: { id: string; groupId: string; groupName: string; applicationTitle: string },
  event: StopEvent,
  reason: string,
  exceptUserId: string,
): Promise<void> {
  await tell(tx, {
    to: groupPeople(grant.groupId),
    except: exceptUserId,
    inApp: { messageKey: groupKeys[event], params: { title: grant.applicationTitle, reason }, link: grantLink(grant.id) },
  });
  await tell(tx, {
    to: roleHolders("finance"),
    except: exceptUserId,
    inApp: { messageKey: financeKeys[event], params: { title: grant.applicationTitle, group: grant.groupName }, link: financeGrantLink(grant.id) },
  });
}
