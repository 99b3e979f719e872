import { eq } from "drizzle-orm";
import { budgetLines, grants, spendingLines, spendingReports } from "../../../db/schema";
import { db } from "../../infra/db.server";

type SpendingStatus = NonNullable<(typeof spendingReports.$inferInsert)["status"]>;

/**
 * A grant's spending report for the period `key` as the group's and staff's work leave it, with a
 * line per budget line given (amount, day). For setup only: the commands are tested themselves.
 */
export async function makeSpendingReport(options: {
  grantId: string;
  key: string;
  status?: SpendingStatus;
  /** Amounts by position of the application's budget lines; by default the first line in full. */
  amounts?: bigint[];
  spentOn?: string;
}) {
  const [grant] = await db.select({ applicationId: grants.applicationId }).from(grants).where(eq(grants.id, options.grantId));
  const lines = await db.select().from(budgetLines).where(eq(budgetLines.applicationId, grant.applicationId)).orderBy(budgetLines.position);
  const status = options.status ?? "approved";
  const now = new Date();
  const [report] = await db
    .insert(spendingReports)
    .values({
      grantId: options.grantId,
      key: options.key,
      status,
      submittedAt: status === "draft" ? null : now,
      reviewedAt: status === "approved" || status === "changes_requested" ? now : null,
    })
    .returning();
  const amounts = options.amounts ?? [lines[0]?.total ?? 0n];
  const rows = amounts.flatMap((amount, i) => (lines[i] && amount > 0n ? [{ reportId: report.id, budgetLineId: lines[i].id, amount, spentOn: options.spentOn ?? now.toISOString().slice(0, 10) }] : []));
  if (rows.length > 0) await db.insert(spendingLines).values(rows);
  return report;
}
