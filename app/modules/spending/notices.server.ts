import { eq } from "drizzle-orm";
import { groups } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";

/** Where the group reads and fills a period's spending report. */
export function spendingLink(grantId: string, key: string): string {
  return `/grants/${grantId}/spending/${encodeURIComponent(key)}`;
}

/** Where staff review a spending report. */
export function spendingReviewLink(reportId: string): string {
  return `/admin/spending/${reportId}`;
}

export interface NoticeSpending {
  id: string;
  grantId: string;
  groupId: string;
  key: string;
  labelVi: string;
  labelEn: string;
}

async function groupName(tx: DbOrTx, groupId: string): Promise<string> {
  const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));
  return group?.name ?? "";
}

// The in-app notices carry both labels: each catalogue's message names the one in its language.
const params = (report: NoticeSpending, group: string) => ({ reportVi: report.labelVi, reportEn: report.labelEn, group });

/** A spending report was submitted: staff review it, finance is told what the group says it spent. */
export async function tellOfSpendingSubmission(tx: DbOrTx, report: NoticeSpending): Promise<void> {
  const group = await groupName(tx, report.groupId);
  await tell(tx, { to: roleHolders("admin"), inApp: { messageKey: "spending.notice.submitted", params: params(report, group), link: spendingReviewLink(report.id) } });
  await tell(tx, { to: roleHolders("finance"), inApp: { messageKey: "spending.notice.submitted", params: params(report, group), link: spendingLink(report.grantId, report.key) } });
}

/** Staff approved the report or returned it for changes: the group's people and finance are told. */
export async function tellOfSpendingReview(
  tx: DbOrTx,
  report: NoticeSpending,
  review: { outcome: "approved" | "changes_requested"; message: string },
): Promise<void> {
  const group = await groupName(tx, report.groupId);
  const messageKey = review.outcome === "approved" ? "spending.notice.approved" : "spending.notice.changes";
  const link = spendingLink(report.grantId, report.key);
  await tell(tx, { to: groupPeople(report.groupId), inApp: { messageKey, params: params(report, group), link } });
  await tell(tx, { to: roleHolders("finance"), inApp: { messageKey, params: params(report, group), link } });
}
