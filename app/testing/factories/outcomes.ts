import { and, eq } from "drizzle-orm";
import { applications, grants, outcomeReports, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeGrant } from "./grants";
import { makeMembers } from "./groups";

// A grant as the outcome work finds it: accepted some days ago (so its reports have due dates),
// the signing tranche met, a baseline from the application, and a small roster.

const DAY = 86_400_000;

export async function makeActiveGrant(
  options: { ownerId?: string; facilitatorIds?: string[]; acceptedDaysAgo?: number; accepted?: boolean; baseline?: bigint; members?: number; recorderId: string },
) {
  const made = await makeGrant({ ownerId: options.ownerId, facilitatorIds: options.facilitatorIds });
  // The baseline is the application's: written before the schedule would read it in real life, so
  // it is written on the baseline report here too.
  const baseline = options.baseline ?? 1_500_000n;
  await db.update(applications).set({ baselineIncome: baseline, womenTakingPart: 8, membersTakingPart: 10 }).where(eq(applications.id, made.applicationId));
  await db.update(outcomeReports).set({ avgMonthlyIncome: baseline, womenEarning: 8 }).where(and(eq(outcomeReports.grantId, made.grantId), eq(outcomeReports.key, "baseline")));
  if (options.accepted !== false) {
    const acceptedAt = new Date(Date.now() - (options.acceptedDaysAgo ?? 170) * DAY);
    await db.update(grants).set({ status: "active", acceptedAt, acceptedBy: options.ownerId ?? null }).where(eq(grants.id, made.grantId));
    await db.update(tranches).set({ conditionMetAt: acceptedAt }).where(and(eq(tranches.grantId, made.grantId), eq(tranches.waitsFor, "signing")));
  }
  const memberIds: string[] = [];
  // One insert each, so the roster (ordered by when a member was recorded) keeps this order.
  for (let i = 0; i < (options.members ?? 3); i++) {
    const [member] = await makeMembers(made.groupId, options.recorderId, [
      { name: `Thành viên ${i + 1}`, gender: "female", role: "", birthYear: 1980 + i, consentGivenOn: "2026-01-10" },
    ]);
    memberIds.push(member.id);
  }
  const reports = await db.select({ id: outcomeReports.id, key: outcomeReports.key }).from(outcomeReports).where(eq(outcomeReports.grantId, made.grantId));
  const reportId = (key: string) => reports.find((r) => r.key === key)!.id;
  return { ...made, memberIds, reportId };
}

type ReportStatus = NonNullable<(typeof outcomeReports.$inferInsert)["status"]>;

/**
 * A grant's report `key` as it stands after the group's and staff's work: submitted and reviewed
 * times follow the status; written over the report the grant's schedule already made, if any.
 */
export async function makeOutcomeReport(options: {
  grantId: string;
  key: string;
  months: number;
  status?: ReportStatus;
  income?: bigint | null;
  women?: number | null;
  values?: Partial<typeof outcomeReports.$inferInsert>;
}) {
  const status = options.status ?? "approved";
  const values = {
    grantId: options.grantId,
    key: options.key,
    labelVi: options.key === "baseline" ? "Ban đầu (từ đơn)" : `Báo cáo ${options.key}`,
    labelEn: options.key === "baseline" ? "Baseline" : `Report ${options.key}`,
    months: options.months,
    status,
    avgMonthlyIncome: options.income === undefined ? 1_500_000n : options.income,
    womenEarning: options.women === undefined ? 8 : options.women,
    submittedAt: status === "pending" ? null : new Date(),
    reviewedAt: status === "approved" || status === "changes_requested" ? new Date() : null,
    ...options.values,
  };
  const [report] = await db
    .insert(outcomeReports)
    .values(values)
    .onConflictDoUpdate({ target: [outcomeReports.grantId, outcomeReports.key], set: values })
    .returning();
  return report;
}
