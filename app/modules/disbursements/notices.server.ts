import { eq } from "drizzle-orm";
import { applications, disbursements, grants, groups, tranches } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { amountInWords, formatMoney } from "../../i18n/format";
import { groupLeader, groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";

/** Where the group sees its schedule and the money that has arrived. */
export function groupGrantLink(grantId: string): string {
  return `/grants/${grantId}`;
}

/**
 * Tells the group that a payment reached it, in the transaction that marks it paid (a bank or
 * cash payment recorded here; a Stripe transfer settled by its answer, a webhook or
 * reconciliation): an in-app notice to its leader and its facilitators, each in their language,
 * and an e-mail to the leader. Called once per change to paid, so never twice for one payment.
 */
export async function tellGroupOfPayment(tx: DbOrTx, disbursementId: string): Promise<void> {
  const [row] = await tx
    .select({
      amount: disbursements.amount,
      method: disbursements.method,
      paidOn: disbursements.paidOn,
      paidAt: disbursements.paidAt,
      grantId: disbursements.grantId,
      position: tranches.position,
      groupId: groups.id,
      groupName: groups.name,
      title: applications.title,
    })
    .from(disbursements)
    .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(eq(disbursements.id, disbursementId));
  if (!row) return;
  const link = groupGrantLink(row.grantId);
  await tell(tx, {
    to: groupPeople(row.groupId),
    inApp: {
      messageKey: "disbursements.notice.paid",
      // Formatted when read (NoticeText), in the language she reads then.
      params: { amount: row.amount.toString(), position: String(row.position), title: row.title },
      link,
    },
  });
  await tell(tx, {
    to: groupLeader(row.groupId),
    email: {
      template: "payment-received",
      props: (leader) => ({
        name: leader.name,
        groupName: row.groupName,
        applicationTitle: row.title,
        amount: row.amount,
        method: row.method,
        trancheNumber: row.position,
        paidOn: row.paidOn ?? (row.paidAt ?? new Date()).toISOString().slice(0, 10),
        link: `${getEnv().appUrl}${link}`,
      }),
    },
    phone: {
      text: "money-sent",
      params: (leader) => ({ amount: formatMoney(row.amount, leader.locale), words: amountInWords(row.amount, leader.locale), group: row.groupName }),
    },
  });
}
