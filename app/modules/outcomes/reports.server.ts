import { and, asc, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import {
  applications,
  BASELINE_REPORT_KEY,
  groupFacilitators,
  groups,
  grants,
  outcomeMemberIncomes,
  outcomeReportPhotos,
  outcomeReports,
  rounds,
} from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { isUuid } from "../../kernel/ids";
import { readFile } from "../../infra/storage.server";
import { consenting } from "../consents/ledger.server";
import { requireGroupActor, requireGroupReader } from "../groups/access.server";
import { listMembers } from "../groups/members.server";
import type { User } from "../../kernel/actor";
import { dueDate, reportDueAt } from "./due.server";
import { getOutcomeSettings } from "./settings.server";
import { isEditable, type ReportStatus } from "./machine";
import { heldBy } from "../groups/access.server";

// What the group reads of its outcome reports. Every function checks the caller's link to the
// report's group itself; anyone else gets 404, so guessing ids tells nothing.

/** The report with what its rules depend on: its grant's state and its group. */
export async function findReport(reportId: string, tx: DbOrTx = db) {
  if (!isUuid(reportId)) return null;
  const [row] = await tx
    .select({
      id: outcomeReports.id,
      grantId: outcomeReports.grantId,
      key: outcomeReports.key,
      labelVi: outcomeReports.labelVi,
      labelEn: outcomeReports.labelEn,
      months: outcomeReports.months,
      status: outcomeReports.status,
      avgMonthlyIncome: outcomeReports.avgMonthlyIncome,
      sales: outcomeReports.sales,
      womenEarning: outcomeReports.womenEarning,
      areaSqm: outcomeReports.areaSqm,
      quantityProduced: outcomeReports.quantityProduced,
      quantityUnit: outcomeReports.quantityUnit,
      story: outcomeReports.story,
      submittedAt: outcomeReports.submittedAt,
      reviewedAt: outcomeReports.reviewedAt,
      reviewMessage: outcomeReports.reviewMessage,
      updatedAt: outcomeReports.updatedAt,
      grantStatus: grants.status,
      acceptedAt: grants.acceptedAt,
      groupId: grants.groupId,
      groupName: groups.name,
      applicationTitle: applications.title,
      roundTitleVi: rounds.titleVi,
      roundTitleEn: rounds.titleEn,
    })
    .from(outcomeReports)
    .innerJoin(grants, eq(grants.id, outcomeReports.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .where(eq(outcomeReports.id, reportId))
    .limit(1);
  if (!row) return null;
  return { ...row, status: row.status as ReportStatus, dueAt: dueDate(row.acceptedAt, row.months) };
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export type Report = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** Why the group cannot fill a report now, as a catalogue key; null when it can. */
export function blockedReason(report: Pick<Report, "status" | "grantStatus" | "key">): string | null {
  if (report.key === BASELINE_REPORT_KEY) return "outcomes.errors.baselineFixed";
  if (report.grantStatus === "cancelled") return "outcomes.errors.grantCancelled";
  if (report.grantStatus === "awaiting_acceptance") return "outcomes.errors.agreementFirst";
  if (report.status === "approved") return "outcomes.errors.alreadyApproved";
  if (report.status === "submitted") return "outcomes.errors.underReview";
  return null;
}

/** The report, if the user may act for its group (leader or facilitator); otherwise 404. */
export async function requireActableReport(user: User, reportId: string) {
  const report = await findReport(reportId);
  if (!report) notFound();
  const { relation, onBehalfOf } = await requireGroupActor(user, report.groupId);
  return { report, relation, onBehalfOf };
}

/** The report, if the user may read its group's data (its people and admins); otherwise 404. */
export async function requireReadableReport(user: User, reportId: string) {
  const report = await findReport(reportId);
  if (!report) notFound();
  await requireGroupReader(user, report.groupId);
  return report;
}

export function reportPhotos(reportId: string, tx: DbOrTx = db) {
  return tx
    .select({ id: outcomeReportPhotos.id, originalName: outcomeReportPhotos.originalName, mime: outcomeReportPhotos.mime, size: outcomeReportPhotos.size })
    .from(outcomeReportPhotos)
    .where(eq(outcomeReportPhotos.reportId, reportId))
    .orderBy(asc(outcomeReportPhotos.createdAt), asc(outcomeReportPhotos.id));
}

export async function memberIncomesOf(reportId: string, tx: DbOrTx = db): Promise<Record<string, bigint>> {
  const rows = await tx
    .select({ memberId: outcomeMemberIncomes.memberId, income: outcomeMemberIncomes.monthlyIncome })
    .from(outcomeMemberIncomes)
    .where(eq(outcomeMemberIncomes.reportId, reportId));
  // Recorded before she withdrew her consent to monitoring: kept for the group's average, not shown.
  const monitored = await consenting(tx, "member", rows.map((r) => r.memberId), "monitoring");
  return Object.fromEntries(rows.filter((r) => monitored.has(r.memberId)).map((r) => [r.memberId, r.income]));
}

/** The approved figures of the grant's other reports, oldest first: the group compares against them. */
export function earlierReports(report: Pick<Report, "grantId" | "id">) {
  return db
    .select({ key: outcomeReports.key, labelVi: outcomeReports.labelVi, labelEn: outcomeReports.labelEn, avgMonthlyIncome: outcomeReports.avgMonthlyIncome, months: outcomeReports.months })
    .from(outcomeReports)
    .where(and(eq(outcomeReports.grantId, report.grantId), ne(outcomeReports.id, report.id), eq(outcomeReports.status, "approved")))
    .orderBy(asc(outcomeReports.months));
}

/** Everything the report page shows the group: figures, roster, photos, the rules. */
export async function loadReportPage(user: User, reportId: string) {
  const { report, relation } = await requireActableReport(user, reportId);
  const [members, incomes, photos, settings, earlier] = await Promise.all([
    listMembers(user, report.groupId),
    memberIncomesOf(report.id),
    reportPhotos(report.id),
    getOutcomeSettings(),
    earlierReports(report),
  ]);
  return {
    report,
    relation,
    blocked: blockedReason(report),
    editable: isEditable(report.status) && blockedReason(report) === null,
    // Only what the form needs of the roster: a member's income is typed beside her name.
    members: members.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    incomes,
    photos,
    maxIncome: settings.maxMonthlyIncome,
    earlier,
  };
}

/** The outcome reports of several grants, with their names in both languages: where a tranche's report is written. */
export async function reportsOfGrants(grantIds: readonly string[]) {
  if (grantIds.length === 0) return [];
  return db
    .select({ id: outcomeReports.id, grantId: outcomeReports.grantId, key: outcomeReports.key, labelVi: outcomeReports.labelVi, labelEn: outcomeReports.labelEn })
    .from(outcomeReports)
    .where(inArray(outcomeReports.grantId, [...grantIds]));
}

/** Reports of the groups the person acts for: due first (those with a date), then the rest. */
export async function listReportsFor(user: User) {
  const conditions = [];
  if (user.roles.includes("applicant")) conditions.push(heldBy(user.id));
  if (user.roles.includes("facilitator")) {
    conditions.push(inArray(groups.id, db.select({ id: groupFacilitators.groupId }).from(groupFacilitators).where(eq(groupFacilitators.userId, user.id))));
  }
  if (conditions.length === 0) return [];
  return db
    .select({
      id: outcomeReports.id,
      key: outcomeReports.key,
      labelVi: outcomeReports.labelVi,
      labelEn: outcomeReports.labelEn,
      status: outcomeReports.status,
      dueAt: reportDueAt,
      grantId: grants.id,
      grantStatus: grants.status,
      groupName: groups.name,
      applicationTitle: applications.title,
    })
    .from(outcomeReports)
    .innerJoin(grants, eq(grants.id, outcomeReports.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(and(or(...conditions), ne(grants.status, "cancelled"), ne(outcomeReports.key, BASELINE_REPORT_KEY)))
    .orderBy(
      // Work still to do comes first, then by date.
      sql`case when ${outcomeReports.status} in ('pending', 'draft', 'changes_requested') then 0 else 1 end`,
      asc(sql`${reportDueAt}`),
      asc(groups.name),
      desc(outcomeReports.months),
    )
    .limit(300);
}

/** A report's photo, for the group's people and admins; 404 for anyone else and for another report's photo. */
export async function openReportPhoto(user: User, reportId: string, photoId: string) {
  const report = await requireReadableReport(user, reportId);
  if (!isUuid(photoId)) return null;
  const [row] = await db
    .select()
    .from(outcomeReportPhotos)
    .where(and(eq(outcomeReportPhotos.id, photoId), eq(outcomeReportPhotos.reportId, report.id)))
    .limit(1);
  if (!row) return null;
  return { bytes: await readFile(row.storageKey), mime: row.mime };
}
