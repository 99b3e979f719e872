import { eq } from "drizzle-orm";
import { groups } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { formatMoney } from "../../i18n/format";
import { groupLeader, groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
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
 * Tells the group, in the caller's transaction: an in-app notice to its leader and to each of its
 * facilitators, and an e-mail to the leader (in her language) when she has an address.
 */
export async function tellGroupOfDecision(tx: DbOrTx, application: DecidedApplication, decision: DecisionFacts): Promise<void> {
  const link = decisionLink(application.id);
  const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, application.groupId));
  await tell(tx, {
    to: groupPeople(application.groupId),
    inApp: { messageKey: `decisions.notice.${decision.outcome}`, params: { title: application.title }, link },
  });
  await tell(tx, {
    to: groupLeader(application.groupId),
    email: {
      template: "decision",
      props: (leader) => ({
        name: leader.name,
        groupName: group?.name ?? "",
        applicationTitle: application.title,
        ...decision,
        link: `${getEnv().appUrl}${link}`,
      }),
    },
    // An award is an agreement waiting for her: the one text says both.
    phone: {
      text: decision.outcome === "approved" ? "agreement-ready" : decision.outcome === "waitlisted" ? "decision-waitlisted" : "decision-rejected",
      params: (leader) => ({
        title: application.title,
        group: group?.name ?? "",
        amount: decision.awardedAmount === null ? "" : formatMoney(decision.awardedAmount, leader.locale),
      }),
    },
  });
}
