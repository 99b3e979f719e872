import { asc, count, desc, eq, type SQL } from "drizzle-orm";
import { groups, grants, outcomeReports, provinces, rounds } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { can, partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { markReportConditionMet } from "../grants/report-conditions.server";
import { closeGrantIfDone } from "../grants/completion.server";
import { listMembers } from "../groups/members.server";
import type { User } from "../../kernel/actor";
import { reportDueAt } from "./due.server";
import { tellGroupOfReportReview } from "./notices.server";
import type { ReviewFilter, ReviewInput } from "./outcomes.schema";
import { earlierReports, findReport, memberIncomesOf, reportPhotos } from "./reports.server";
import { reportMachine, type ReportStatus } from "./machine";

// Staff review the group's reports (SPEC.md step 9): approve, or ask for changes with a message
// the group reads. Approving the report a tranche waits for makes that tranche due for finance,
// in the same transaction (app/modules/grants/report-conditions.server.ts).

export const REVIEW_PAGE_SIZE = 50;

/** A page of reports for staff, oldest submission first when waiting for review. */
export async function listReportsForReview(options: { filter: ReviewFilter; page: number }) {
  const where: SQL | undefined = options.filter === "all" ? undefined : eq(outcomeReports.status, options.filter);
  const rows = await db
    .select({
      id: outcomeReports.id,
      labelVi: outcomeReports.labelVi,
      labelEn: outcomeReports.labelEn,
      status: outcomeReports.status,
      avgMonthlyIncome: outcomeReports.avgMonthlyIncome,
      submittedAt: outcomeReports.submittedAt,
      dueAt: reportDueAt,
      groupName: groups.name,
      provinceVi: provinces.nameVi,
      provinceEn: provinces.nameEn,
      roundTitleVi: rounds.titleVi,
      roundTitleEn: rounds.titleEn,
    })
    .from(outcomeReports)
    .innerJoin(grants, eq(grants.id, outcomeReports.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .where(where)
    .orderBy(options.filter === "submitted" ? asc(outcomeReports.submittedAt) : desc(outcomeReports.updatedAt), asc(outcomeReports.id))
    .limit(REVIEW_PAGE_SIZE + 1)
    .offset((options.page - 1) * REVIEW_PAGE_SIZE);
  return { rows: rows.slice(0, REVIEW_PAGE_SIZE), hasNext: rows.length > REVIEW_PAGE_SIZE };
}

/** How many reports wait for review: shown beside the list's filter. */
export async function countWaiting(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(outcomeReports).where(eq(outcomeReports.status, "submitted"));
  return row?.n ?? 0;
}

/** One report as staff review it, with the roster's incomes, photos and the grant's other reports. */
export async function loadReportReviewPage(admin: User, reportId: string) {
  const report = await findReport(reportId);
  if (!report) return null;
  const [members, incomes, photos, earlier] = await Promise.all([
    listMembers(admin, report.groupId),
    memberIncomesOf(report.id),
    reportPhotos(report.id),
    earlierReports(report),
  ]);
  return {
    report,
    memberIncomes: members.filter((m) => m.id in incomes).map((m) => ({ id: m.id, name: m.name, income: incomes[m.id] })),
    photos,
    earlier,
    // The review form is offered while the machine lets this person decide on the report.
    reviewable: can(reportMachine, report.status, "approved", partiesOf(admin)),
  };
}

/** Approves the report or asks for changes; the report must be waiting for review. */
export async function reviewReport(
  reportId: string,
  input: ReviewInput,
  actor: Actor,
): Promise<CommandResult<{ notice: "outcomes.reviewed.approved" | "outcomes.reviewed.changes" }>> {
  if (!isUuid(reportId)) return { ok: false, status: 404, errors: { "": "outcomes.errors.notFound" } };
  return run(async (tx) => {
    const [locked] = await tx
      .select({ id: outcomeReports.id, key: outcomeReports.key, status: outcomeReports.status, grantId: outcomeReports.grantId, labelVi: outcomeReports.labelVi, labelEn: outcomeReports.labelEn })
      .from(outcomeReports)
      .where(eq(outcomeReports.id, reportId))
      .for("update");
    if (!locked) return refuse(404, { "": "outcomes.errors.notFound" });
    const from = locked.status as ReportStatus;
    if (from === "approved") return refuse(409, { "": "outcomes.errors.alreadyApproved" });
    if (from !== "submitted") return refuse(409, { "": "outcomes.errors.notSubmitted" });
    const to: ReportStatus = input.decision === "approve" ? "approved" : "changes_requested";
    const [grant] = await tx.select({ groupId: grants.groupId }).from(grants).where(eq(grants.id, locked.grantId));
    const now = new Date();
    await applyTransition(tx, reportMachine, {
      table: outcomeReports,
      id: locked.id,
      to,
      actor,
      as: partiesOf(actor.user),
      set: { reviewedAt: now, reviewedBy: actor.user.id, reviewMessage: input.message || null, updatedAt: now },
      data: { key: locked.key, message: input.message },
    });
    if (to === "approved") await markReportConditionMet(tx, locked.grantId, locked.key, { id: actor.user.id, ip: actor.ip });
    await tellGroupOfReportReview(tx, { id: locked.id, groupId: grant!.groupId, labelVi: locked.labelVi, labelEn: locked.labelEn }, { outcome: to, message: input.message });
    // The final outcome report may be the last thing close-out waited for (issue 14, item 6).
    if (to === "approved") await closeGrantIfDone(tx, locked.grantId);
    return { notice: to === "approved" ? ("outcomes.reviewed.approved" as const) : ("outcomes.reviewed.changes" as const) };
  });
}

