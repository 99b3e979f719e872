import { eq } from "drizzle-orm";
import { applications, BASELINE_REPORT_KEY, outcomeReports, rounds } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";

/** The baseline's labels: it is not in the round's schedule, it comes from the application. */
export const BASELINE_LABELS = { labelVi: "Ban đầu (từ đơn)", labelEn: "Baseline (from the application)" } as const;

/**
 * Creates a grant's outcome reports (SPEC.md step 9): the baseline, approved from the start with
 * the application's figures (baseline income, women taking part), then one pending report per
 * item of the round's `reportSchedule`. Idempotent (ON CONFLICT on (grant_id, key)), so the demo
 * seed can backfill grants made before this table existed. Runs in the caller's transaction:
 * createGrantForApproval calls it, so there is never a grant without its schedule.
 */
export async function createReportSchedule(
  tx: DbOrTx,
  grantId: string,
  applicationId: string,
  roundId: string,
): Promise<void> {
  const [round] = await tx.select({ schedule: rounds.reportSchedule }).from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw new Error(`round ${roundId} not found`);
  const [application] = await tx
    .select({
      baselineIncome: applications.baselineIncome,
      womenTakingPart: applications.womenTakingPart,
      submittedAt: applications.submittedAt,
      submittedBy: applications.submittedBy,
    })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!application) throw new Error(`application ${applicationId} not found`);

  const rows: (typeof outcomeReports.$inferInsert)[] = [
    {
      grantId,
      key: BASELINE_REPORT_KEY,
      ...BASELINE_LABELS,
      months: 0,
      status: "approved",
      // An application always carries a baseline by submission; 0 keeps the CHECK true for odd old rows.
      avgMonthlyIncome: application.baselineIncome ?? 0n,
      womenEarning: application.womenTakingPart,
      submittedAt: application.submittedAt,
      submittedBy: application.submittedBy,
      reviewedAt: new Date(),
    },
    ...round.schedule
      .filter((item) => item.key !== BASELINE_REPORT_KEY)
      .map((item) => ({
        grantId,
        key: item.key,
        labelVi: item.labelVi,
        labelEn: item.labelEn,
        months: item.months,
      })),
  ];
  await tx.insert(outcomeReports).values(rows).onConflictDoNothing({ target: [outcomeReports.grantId, outcomeReports.key] });
}
