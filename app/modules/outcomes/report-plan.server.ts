import { and, asc, eq, ne } from "drizzle-orm";
import { BASELINE_REPORT_KEY, outcomeReports } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";

// When a grant's outcome reports fall due, as an amendment (issue 14) reads and moves them. A due
// date is months after the agreement's acceptance (due.server.ts), so moving a report is changing
// its months; an approved report stays where it was.

/** The grant's reports after the baseline, in schedule order, with their labels and states. */
export function reportPlanOf(grantId: string, tx: DbOrTx = db) {
  return tx
    .select({ key: outcomeReports.key, months: outcomeReports.months, labelVi: outcomeReports.labelVi, labelEn: outcomeReports.labelEn, status: outcomeReports.status })
    .from(outcomeReports)
    .where(and(eq(outcomeReports.grantId, grantId), ne(outcomeReports.key, BASELINE_REPORT_KEY)))
    .orderBy(asc(outcomeReports.months), asc(outcomeReports.key));
}

/** Moves the grant's reports not yet approved to the months given (in the caller's transaction). */
export async function moveReports(tx: DbOrTx, grantId: string, plan: readonly { key: string; months: number }[]): Promise<void> {
  for (const item of plan) {
    await tx
      .update(outcomeReports)
      .set({ months: item.months })
      .where(and(eq(outcomeReports.grantId, grantId), eq(outcomeReports.key, item.key), ne(outcomeReports.status, "approved")));
  }
}
