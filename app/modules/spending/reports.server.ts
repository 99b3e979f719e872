import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import {
  applications,
  BASELINE_REPORT_KEY,
  budgetLines,
  grants,
  groups,
  outcomeReports,
  rounds,
  spendingLines,
  spendingReports,
} from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { readFile } from "../../infra/storage.server";
import type { User } from "../../kernel/actor";
import { isUuid } from "../../kernel/ids";
import { can, partiesOf } from "../../kernel/machine";
import { relationTo } from "../groups/access.server";
import { flagLine } from "./spending.schema";
import { isEditable, spendingMachine, type SpendingStatus } from "./machine";

// What a spending report shows, to the group and to staff. A grant's spending reports follow its
// outcome schedule: one per period (the outcome report's key and name), the last one final.
// Every reader's link to the grant's group is checked here; anyone else gets 404.

const notFound = (): never => {
  throw new Response("Not found", { status: 404 });
};

/** The grant with what a spending report's rules depend on; null when unknown. */
export async function spendingGrant(grantId: string, tx: DbOrTx = db) {
  if (!isUuid(grantId)) return null;
  const [row] = await tx
    .select({
      id: grants.id,
      status: grants.status,
      acceptedAt: grants.acceptedAt,
      awardedAmount: grants.awardedAmount,
      groupId: grants.groupId,
      applicationId: grants.applicationId,
      groupName: groups.name,
      applicationTitle: applications.title,
      roundTitleVi: rounds.titleVi,
      roundTitleEn: rounds.titleEn,
    })
    .from(grants)
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .where(eq(grants.id, grantId));
  return row ?? null;
}

export type SpendingGrant = NonNullable<Awaited<ReturnType<typeof spendingGrant>>>;

/**
 * The grant's reporting periods (its outcome reports but the baseline, in order), each with its
 * spending report if one was written. The last period's report is the final one.
 */
export async function spendingPeriods(grantId: string, tx: DbOrTx = db) {
  const periods = await tx
    .select({ key: outcomeReports.key, labelVi: outcomeReports.labelVi, labelEn: outcomeReports.labelEn, months: outcomeReports.months })
    .from(outcomeReports)
    .where(and(eq(outcomeReports.grantId, grantId), ne(outcomeReports.key, BASELINE_REPORT_KEY)))
    .orderBy(asc(outcomeReports.months), asc(outcomeReports.key));
  const written = await tx
    .select({ id: spendingReports.id, key: spendingReports.key, status: spendingReports.status })
    .from(spendingReports)
    .where(eq(spendingReports.grantId, grantId));
  return periods.map((period, i) => {
    const report = written.find((w) => w.key === period.key);
    return { ...period, isFinal: i === periods.length - 1, reportId: report?.id ?? null, status: (report?.status ?? null) as SpendingStatus | null };
  });
}

/** Why the group cannot fill the report now, as a catalogue key; null when it can. */
export function spendingBlocked(grantStatus: string, status: SpendingStatus | null): string | null {
  if (grantStatus === "awaiting_acceptance") return "spending.errors.agreementFirst";
  if (grantStatus === "cancelled" || grantStatus === "terminated") return "spending.errors.grantStopped";
  if (grantStatus === "completed") return "spending.errors.grantClosed";
  if (status === "approved") return "spending.errors.alreadyApproved";
  if (status === "submitted") return "spending.errors.underReview";
  return null;
}

/** The application's budget lines, as approved with the award. */
export function budgetOf(applicationId: string, tx: DbOrTx = db) {
  return tx
    .select({ id: budgetLines.id, item: budgetLines.item, quantity: budgetLines.quantity, unitCost: budgetLines.unitCost, total: budgetLines.total })
    .from(budgetLines)
    .where(eq(budgetLines.applicationId, applicationId))
    .orderBy(asc(budgetLines.position));
}

export function linesOf(reportId: string, tx: DbOrTx = db) {
  return tx
    .select({
      id: spendingLines.id,
      budgetLineId: spendingLines.budgetLineId,
      amount: spendingLines.amount,
      spentOn: spendingLines.spentOn,
      receiptName: spendingLines.receiptName,
      hasReceipt: sql<boolean>`${spendingLines.receiptStorageKey} is not null`,
    })
    .from(spendingLines)
    .where(eq(spendingLines.reportId, reportId));
}

/** Per budget line, what the grant's other approved spending reports say was spent on it. */
async function spentBefore(grantId: string, exceptReportId: string | null, tx: DbOrTx = db): Promise<Map<string, bigint>> {
  const rows = await tx
    .select({ budgetLineId: spendingLines.budgetLineId, sum: sql<string>`sum(${spendingLines.amount})::text` })
    .from(spendingLines)
    .innerJoin(spendingReports, eq(spendingReports.id, spendingLines.reportId))
    .where(
      and(
        eq(spendingReports.grantId, grantId),
        eq(spendingReports.status, "approved"),
        exceptReportId ? ne(spendingReports.id, exceptReportId) : undefined,
      ),
    )
    .groupBy(spendingLines.budgetLineId);
  return new Map(rows.map((r) => [r.budgetLineId, BigInt(r.sum)]));
}

/**
 * One row per budget line: the budget, what earlier approved reports spent on it, this report's
 * line, the total to date and its flag (more than 20 % over, or under at the final report).
 */
async function budgetRows(grant: SpendingGrant, report: { id: string } | null, isFinal: boolean) {
  const [budget, lines, before] = await Promise.all([
    budgetOf(grant.applicationId),
    report ? linesOf(report.id) : Promise.resolve([]),
    spentBefore(grant.id, report?.id ?? null),
  ]);
  return budget.map((b) => {
    const line = lines.find((l) => l.budgetLineId === b.id) ?? null;
    const earlier = before.get(b.id) ?? 0n;
    const toDate = earlier + (line?.amount ?? 0n);
    return { budgetLine: b, line, earlier, toDate, flag: flagLine(b.total, toDate, isFinal) };
  });
}

async function loadReportRow(grantId: string, key: string) {
  const [row] = await db
    .select()
    .from(spendingReports)
    .where(and(eq(spendingReports.grantId, grantId), eq(spendingReports.key, key)));
  return row ? { ...row, status: row.status as SpendingStatus } : null;
}

/** The grant and the period, if the user may read the grant's group (its people, admins); otherwise 404. */
export async function requireSpendingReader(user: User, grantId: string, key: string) {
  const grant = await spendingGrant(grantId);
  if (!grant) return notFound();
  const relation = await relationTo(user, grant.groupId);
  if (!relation) return notFound();
  const periods = await spendingPeriods(grant.id);
  const period = periods.find((p) => p.key === key);
  if (!period) return notFound();
  return { grant, period, relation, onBehalfOf: relation === "facilitator" ? `group:${grant.groupId}` : null };
}

/** Everything the group's spending report page shows. */
export async function loadSpendingPage(user: User, grantId: string, key: string) {
  const { grant, period, relation } = await requireSpendingReader(user, grantId, key);
  const report = await loadReportRow(grant.id, period.key);
  const rows = await budgetRows(grant, report, period.isFinal);
  const status = report?.status ?? null;
  const blocked = spendingBlocked(grant.status, status);
  return {
    grant,
    period,
    report,
    rows,
    relation,
    blocked,
    // Staff read the group's report here; they review it on their own page.
    editable: (relation === "owner" || relation === "facilitator") && blocked === null && isEditable(status),
    totals: totalsOf(rows, report),
  };
}

function totalsOf(rows: Awaited<ReturnType<typeof budgetRows>>, report: { ownCash: bigint; ownInKindValue: bigint } | null) {
  return {
    budget: rows.reduce((s, r) => s + r.budgetLine.total, 0n),
    thisReport: rows.reduce((s, r) => s + (r.line?.amount ?? 0n), 0n),
    toDate: rows.reduce((s, r) => s + r.toDate, 0n),
    ownCash: report?.ownCash ?? 0n,
    ownInKindValue: report?.ownInKindValue ?? 0n,
  };
}

/** One report as staff review it: the budget lines with their flags, the receipts, the group's contribution. */
export async function loadSpendingReview(admin: User, reportId: string) {
  if (!isUuid(reportId)) return null;
  const [row] = await db.select().from(spendingReports).where(eq(spendingReports.id, reportId));
  if (!row) return null;
  const grant = (await spendingGrant(row.grantId))!;
  const periods = await spendingPeriods(grant.id);
  const period = periods.find((p) => p.key === row.key) ?? { key: row.key, labelVi: row.key, labelEn: row.key, months: 0, isFinal: false, reportId: row.id, status: row.status };
  const report = { ...row, status: row.status as SpendingStatus };
  const rows = await budgetRows(grant, report, period.isFinal);
  return {
    grant,
    period,
    report,
    rows,
    totals: totalsOf(rows, report),
    reviewable: can(spendingMachine, report.status, "approved", partiesOf(admin)),
  };
}

export const SPENDING_PAGE_SIZE = 50;
export type SpendingFilter = "submitted" | "all";

/** A page of spending reports for staff: those waiting, oldest submission first, or all, newest first. */
export async function listSpendingForReview(options: { filter: SpendingFilter; page: number }) {
  const where: SQL | undefined = options.filter === "all" ? undefined : eq(spendingReports.status, "submitted");
  const rows = await db
    .select({
      id: spendingReports.id,
      key: spendingReports.key,
      status: spendingReports.status,
      submittedAt: spendingReports.submittedAt,
      grantId: grants.id,
      groupName: groups.name,
      labelVi: outcomeReports.labelVi,
      labelEn: outcomeReports.labelEn,
      spent: sql<string>`(select coalesce(sum(${spendingLines.amount}), 0) from ${spendingLines} where ${spendingLines.reportId} = ${spendingReports.id})::text`,
    })
    .from(spendingReports)
    .innerJoin(grants, eq(grants.id, spendingReports.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .leftJoin(outcomeReports, and(eq(outcomeReports.grantId, spendingReports.grantId), eq(outcomeReports.key, spendingReports.key)))
    .where(where)
    .orderBy(options.filter === "submitted" ? asc(spendingReports.submittedAt) : desc(spendingReports.updatedAt), asc(spendingReports.id))
    .limit(SPENDING_PAGE_SIZE + 1)
    .offset((options.page - 1) * SPENDING_PAGE_SIZE);
  return {
    rows: rows.slice(0, SPENDING_PAGE_SIZE).map((r) => ({ ...r, spent: BigInt(r.spent), status: r.status as SpendingStatus })),
    hasNext: rows.length > SPENDING_PAGE_SIZE,
  };
}

/** How many spending reports wait for review. */
export async function countSpendingWaiting(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(spendingReports).where(eq(spendingReports.status, "submitted"));
  return row?.n ?? 0;
}

/** A line's receipt, for the group's people and admins; null for another grant's line or none. */
export async function openReceipt(user: User, grantId: string, key: string, lineId: string) {
  const { grant } = await requireSpendingReader(user, grantId, key);
  if (!isUuid(lineId)) return null;
  const [row] = await db
    .select({ storageKey: spendingLines.receiptStorageKey, mime: spendingLines.receiptMime })
    .from(spendingLines)
    .innerJoin(spendingReports, eq(spendingReports.id, spendingLines.reportId))
    .where(and(eq(spendingLines.id, lineId), eq(spendingReports.grantId, grant.id), eq(spendingReports.key, key)));
  if (!row?.storageKey || !row.mime) return null;
  return { bytes: await readFile(row.storageKey), mime: row.mime };
}

/** Spending reports of several grants, for the pages that list a group's grants. */
export async function spendingOfGrants(grantIds: readonly string[]) {
  if (grantIds.length === 0) return [];
  return db
    .select({ id: spendingReports.id, grantId: spendingReports.grantId, key: spendingReports.key, status: spendingReports.status })
    .from(spendingReports)
    .where(inArray(spendingReports.grantId, [...grantIds]));
}
