import { and, eq, isNull } from "drizzle-orm";
import { groupFacilitators, groups, users } from "../../../db/schema";
import { getEnv } from "../../infra/env.server";
import type { DbOrTx } from "../../infra/db.server";
import { notify, queueEmail } from "../notifications/notifications.server";
import type { Outcome } from "./decisions.schema";

export interface DecidedApplication {
  id: string;
  title: string;
  groupId: string;
}

export interface DecisionFacts {
  outcome: Outcome;
  awardedAmount: bigint | null;
  conditions: string;
  reasonVi: string;
  reasonEn: string;
}

/** Where the group reads its decision and the reason. */
export function decisionLink(applicationId: string): string {
  return `/decisions/${applicationId}`;
}

/**
 * Tells the group, in the caller's transaction: an e-mail to its leader's account (in her
 * language) and an in-app notice to her and to each of the group's facilitators.
 */
export async function tellGroupOfDecision(tx: DbOrTx, application: DecidedApplication, decision: DecisionFacts): Promise<void> {
  const link = decisionLink(application.id);
  const [group] = await tx
    .select({ name: groups.name, ownerId: users.id, ownerName: users.name, ownerEmail: users.email, ownerLocale: users.locale })
    .from(groups)
    .leftJoin(users, and(eq(users.id, groups.ownerId), isNull(users.disabledAt)))
    .where(eq(groups.id, application.groupId));
  const facilitators = await tx
    .select({ id: users.id })
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(and(eq(groupFacilitators.groupId, application.groupId), isNull(users.disabledAt)));
  const readers = new Set<string>(facilitators.map((f) => f.id));
  if (group?.ownerId) readers.add(group.ownerId);
  for (const userId of readers) {
    await notify(tx, { userId, messageKey: `decisions.notice.${decision.outcome}`, params: { title: application.title }, link });
  }
  if (group?.ownerId && group.ownerEmail && group.ownerLocale) {
    await queueEmail(tx, {
      to: group.ownerEmail,
      locale: group.ownerLocale,
      template: "decision",
      props: {
        name: group.ownerName ?? "",
        groupName: group.name,
        applicationTitle: application.title,
        ...decision,
        link: `${getEnv().appUrl}${link}`,
      },
    });
  }
}
