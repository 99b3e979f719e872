import { and, count, eq, inArray, isNotNull, isNull, lt, ne, notInArray, sql, type SQL, type Subquery } from "drizzle-orm";
import { applications, disbursements, outcomeReports, reviewAssignments, rounds, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Role } from "../../kernel/actor";
import { trancheOwed } from "../disbursements/queue.server";
import { trancheIsDue } from "../grants/due.server";

// What each staff role's home says needs them now (issue 16): a count and a link per kind of
// work, read from the same states the work pages list. Counts stop at CAP, shown as "99+": a
// home page must stay quick with years of history, and nobody acts differently on 140 than on 100.

const CAP = 100;

export interface WorkItem {
  /** Catalogue key of the sentence, which takes {count}. */
  what: string;
  count: number;
  /** The count as the page shows it: "99+" past the cap. */
  shown: string;
  link: string;
  /** A round's title, when the work is counted per round. */
  round?: { vi: string; en: string };
}

/** How many rows the query picks, up to CAP. */
async function capped(query: { limit: (n: number) => { as: (alias: string) => Subquery } }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(query.limit(CAP).as("capped"));
  return row?.n ?? 0;
}

async function adminWork(): Promise<Omit<WorkItem, "shown">[]> {
  const active = sql`(select count(*) from ${reviewAssignments} ra where ra.application_id = ${applications.id} and ra.status <> 'conflict')`;
  const submitted = sql`(select count(*) from ${reviewAssignments} ra where ra.application_id = ${applications.id} and ra.status = 'submitted')`;
  // Rounds with something to do, each with its three counts (screening, assigning, deciding).
  const perRound = await db
    .select({
      id: rounds.id,
      titleVi: rounds.titleVi,
      titleEn: rounds.titleEn,
      toScreen: sql<number>`count(*) filter (where ${applications.status} = 'submitted')`.mapWith(Number),
      toAssign: sql<number>`count(*) filter (where ${applications.status} = 'eligible' and ${active} < ${rounds.reviewersPerApplication})`.mapWith(Number),
      toDecide: sql<number>`count(*) filter (where ${applications.status} in ('eligible', 'waitlisted') and ${submitted} >= ${rounds.reviewersPerApplication})`.mapWith(Number),
    })
    .from(applications)
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .where(inArray(applications.status, ["submitted", "eligible", "waitlisted"]))
    .groupBy(rounds.id)
    .orderBy(rounds.opensAt);
  const items: Omit<WorkItem, "shown">[] = [];
  for (const r of perRound) {
    const round = { vi: r.titleVi, en: r.titleEn };
    if (r.toScreen > 0) items.push({ what: "home.work.toScreen", count: r.toScreen, link: `/admin/rounds/${r.id}/applications?status=submitted`, round });
    if (r.toAssign > 0) items.push({ what: "home.work.toAssign", count: r.toAssign, link: `/admin/rounds/${r.id}/reviewers?short=1`, round });
    if (r.toDecide > 0) items.push({ what: "home.work.toDecide", count: r.toDecide, link: `/admin/rounds/${r.id}/scoreboard`, round });
  }
  const reports = await capped(db.select({ one: sql`1` }).from(outcomeReports).where(eq(outcomeReports.status, "submitted")));
  if (reports > 0) items.push({ what: "home.work.reportsToReview", count: reports, link: "/admin/reports" });
  return items;
}

async function financeWork(userId: string): Promise<Omit<WorkItem, "shown">[]> {
  // Owed as finance's queue counts it: live disbursements less the money that came back.
  const owed: SQL = trancheOwed();
  const [due, toApprove, failed] = await Promise.all([
    capped(db.select({ one: sql`1` }).from(tranches).where(and(trancheIsDue(), owed))),
    // A second person approves: what she prepared herself is not hers to approve.
    capped(db.select({ one: sql`1` }).from(disbursements).where(and(eq(disbursements.status, "prepared"), ne(disbursements.preparedBy, userId)))),
    capped(db.select({ one: sql`1` }).from(disbursements).where(inArray(disbursements.status, ["failed", "reversed"]))),
  ]);
  return [
    { what: "home.work.due", count: due, link: "/finance#due" },
    { what: "home.work.toApprove", count: toApprove, link: "/finance#approval" },
    { what: "home.work.failed", count: failed, link: "/finance#problems" },
  ].filter((item) => item.count > 0);
}

async function reviewerWork(userId: string, now: Date): Promise<Omit<WorkItem, "shown">[]> {
  const mine = and(eq(reviewAssignments.reviewerId, userId), notInArray(reviewAssignments.status, ["conflict", "submitted"]));
  const underReview = inArray(applications.status, ["eligible"]);
  const count = (where: SQL | undefined) =>
    capped(db.select({ one: sql`1` }).from(reviewAssignments).innerJoin(applications, eq(applications.id, reviewAssignments.applicationId)).where(and(mine, underReview, where)));
  const [toDeclare, toScore, overdue] = await Promise.all([
    count(isNull(reviewAssignments.noConflictAt)),
    count(isNotNull(reviewAssignments.noConflictAt)),
    count(and(isNotNull(reviewAssignments.dueAt), lt(reviewAssignments.dueAt, now))),
  ]);
  return [
    { what: "home.work.toDeclare", count: toDeclare, link: "/reviews" },
    { what: "home.work.toScore", count: toScore, link: "/reviews" },
    { what: "home.work.overdue", count: overdue, link: "/reviews" },
  ].filter((item) => item.count > 0);
}

export type StaffRole = Extract<Role, "admin" | "finance" | "reviewer">;

/** What needs each of the person's staff roles now; a role with nothing waiting gets an empty list. */
export async function workFor(userId: string, roles: readonly Role[], now = new Date()): Promise<Partial<Record<StaffRole, WorkItem[]>>> {
  const work: Partial<Record<StaffRole, Omit<WorkItem, "shown">[]>> = {};
  if (roles.includes("admin")) work.admin = await adminWork();
  if (roles.includes("finance")) work.finance = await financeWork(userId);
  if (roles.includes("reviewer")) work.reviewer = await reviewerWork(userId, now);
  const shown = (items: Omit<WorkItem, "shown">[] | undefined) => items?.map((item) => ({ ...item, shown: item.count >= CAP ? `${CAP - 1}+` : String(item.count) }));
  return { admin: shown(work.admin), finance: shown(work.finance), reviewer: shown(work.reviewer) };
}
