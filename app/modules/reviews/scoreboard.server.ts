import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { programmes, reviewAssignments, rounds } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { isUuid } from "../../kernel/ids";
import { criteriaOf } from "../programmes/rounds.server";
import type { ScoreboardView } from "./scoreboard.schema";

// The review committee's ranked list for one round (SPEC.md step 6). Every figure comes from one
// query over the round's applications and their kept summaries (application_scores), so a round of
// thousands of applications costs one round trip, not one per row.

/** Statuses that have been through screening and so belong on the scoreboard. */
export const scoreboardStatuses = ["eligible", "approved", "waitlisted", "rejected"] as const;
const ON_SCOREBOARD = sql.raw(`(${scoreboardStatuses.map((s) => `'${s}'`).join(", ")})`);

export const SCOREBOARD_PAGE_SIZE = 100;

const toBigInt = (v: string | bigint | number) => BigInt(v);

/** The round as the scoreboard's header shows it, with what is already awarded; null if unknown. */
export async function loadScoreboardRound(roundId: string) {
  if (!isUuid(roundId)) return null;
  // Approved awards less what cancelled or terminated grants gave back (migration 0026).
  const awarded = sql<bigint>`gieo_round_committed(${rounds.id})::text`.mapWith(toBigInt);
  const [[row], criteria] = await Promise.all([
    db
      .select({
        id: rounds.id,
        titleVi: rounds.titleVi,
        titleEn: rounds.titleEn,
        programmeVi: programmes.nameVi,
        programmeEn: programmes.nameEn,
        budget: rounds.budget,
        maxGrant: rounds.maxGrant,
        spreadThreshold: rounds.spreadThreshold,
        reviewersPerApplication: rounds.reviewersPerApplication,
        awarded,
      })
      .from(rounds)
      .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
      .where(eq(rounds.id, roundId))
      .limit(1),
    criteriaOf(roundId),
  ]);
  if (!row) return null;
  return {
    ...row,
    left: row.budget - row.awarded,
    criteria: criteria.map((c) => ({ position: c.position, labelVi: c.labelVi, labelEn: c.labelEn, weight: c.weight, maxScore: c.maxScore })),
  };
}

/**
 * How many reviews each application has submitted, read from the assignments themselves (in the
 * caller's transaction): what a decision waits for. Applications without any are absent (0).
 */
export async function submittedReviews(tx: DbOrTx, applicationIds: readonly string[]): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx
    .select({ applicationId: reviewAssignments.applicationId, n: count() })
    .from(reviewAssignments)
    .where(and(inArray(reviewAssignments.applicationId, [...applicationIds]), eq(reviewAssignments.status, "submitted")))
    .groupBy(reviewAssignments.applicationId);
  return new Map(rows.map((r) => [r.applicationId, r.n]));
}

export type ScoreboardRound = NonNullable<Awaited<ReturnType<typeof loadScoreboardRound>>>;

export interface ScoreboardRow {
  id: string;
  rank: number;
  title: string;
  groupName: string;
  status: string;
  requestedAmount: bigint;
  outcome: "approved" | "waitlisted" | "rejected" | null;
  awardedAmount: bigint | null;
  /** Mean of the submitted reviews' weighted scores, out of 100; null before any is submitted. */
  score: number | null;
  /** Highest minus lowest reviewer score, out of 100. */
  spread: number | null;
  flagged: boolean;
  reviewsDone: number;
  /** Why it was decided before its required reviews were in; null when they were. */
  reviewsOverride: string | null;
  /** Mean raw score per criterion, by the criterion's position. */
  criterionMeans: Record<string, number>;
  /** Amounts counted in rank order down to and including this row. */
  runningTotal: bigint;
  withinBudget: boolean;
}

export interface ScoreboardQuery {
  view: ScoreboardView;
  /** null: every row (the CSV export). */
  page: { limit: number; offset: number } | null;
  /** Only this application's row (its rank and running total still count the whole round). */
  applicationId?: string;
}

const sortColumns: Record<ScoreboardView["sort"], string> = {
  score: "score",
  spread: "spread",
  amount: "requested_amount",
};

/** postgres-js gives a list of rows, PGlite an object holding them. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

/**
 * The ranked rows of a round and how many rows the filters keep, in one query.
 *
 * Scores, spreads, reviews done and means per criterion come from application_scores (see
 * application-scores.server.ts for how they are figured), so ranking a round reads one narrow row
 * per application. The rank orders by score (unscored last), then by who submitted first. The
 * running total counts, in rank order, the award of an approved application, nothing for a
 * rejected one and the request of any other, so that rows at or under the round's budget are the
 * ones the money reaches: that is the funding line. Titles and group names are looked up for the
 * page's rows only.
 */
export async function scoreboardRows(round: Pick<ScoreboardRound, "id" | "budget" | "spreadThreshold">, query: ScoreboardQuery) {
  const filters: SQL[] = [sql`true`];
  if (query.view.decided === "decided") filters.push(sql`outcome is not null`);
  if (query.view.decided === "undecided") filters.push(sql`outcome is null`);
  if (query.view.flagged) filters.push(sql`flagged`);
  if (query.applicationId) filters.push(sql`id = ${query.applicationId}`);
  // Unscored rows stay at the bottom either way; ties keep their rank order.
  const order = (from: string) =>
    sql.raw(`${from}${sortColumns[query.view.sort]} ${query.view.dir === "asc" ? "asc" : "desc"} nulls last, ${from}rank asc`);
  const page = query.page ? sql`limit ${query.page.limit} offset ${query.page.offset}` : sql``;
  const result = await db.execute(sql`
    with apps as (
      select id, status, requested_amount, submitted_at
      from applications where round_id = ${round.id} and status in ${ON_SCOREBOARD}
    ),
    ranked as (
      select apps.id, apps.status::text as status, apps.requested_amount, d.outcome::text as outcome, d.awarded_amount, d.reviews_override,
        round(s.score, 2)::float8 as score, round(s.spread, 2)::float8 as spread,
        coalesce(round(s.spread, 2) > ${round.spreadThreshold}, false) as flagged,
        coalesce(s.reviews_done, 0) as done,
        row_number() over w as rank,
        sum(case when d.outcome = 'approved' then d.awarded_amount when d.outcome = 'rejected' then 0 else apps.requested_amount end) over w as running
      from apps
      left join application_scores s on s.application_id = apps.id
      left join decisions d on d.application_id = apps.id
      window w as (order by s.score desc nulls last, apps.submitted_at asc nulls last, apps.id)
    ),
    shown as (
      select *, count(*) over () as total from ranked
      where ${sql.join(filters, sql` and `)}
      order by ${order("")}
      ${page}
    )
    select shown.id, a.title, g.name as group_name, shown.status, shown.requested_amount::text as requested_amount, shown.outcome,
      shown.awarded_amount::text as awarded_amount, shown.reviews_override, shown.score, shown.spread, shown.flagged, shown.done, shown.rank::int as rank,
      shown.running::text as running, shown.total::int as total, coalesce(s.criterion_means, '{}'::jsonb) as means
    from shown
    join applications a on a.id = shown.id
    join groups g on g.id = a.group_id
    left join application_scores s on s.application_id = shown.id
    order by ${order("shown.")}
  `);
  const rows = rowsOf(result).map(
    (r): ScoreboardRow => ({
      id: String(r.id),
      rank: Number(r.rank),
      title: String(r.title),
      groupName: String(r.group_name),
      status: String(r.status),
      requestedAmount: BigInt(r.requested_amount as string),
      outcome: (r.outcome as ScoreboardRow["outcome"]) ?? null,
      awardedAmount: r.awarded_amount === null ? null : BigInt(r.awarded_amount as string),
      score: r.score === null ? null : Number(r.score),
      spread: r.spread === null ? null : Number(r.spread),
      flagged: Boolean(r.flagged),
      reviewsDone: Number(r.done),
      reviewsOverride: (r.reviews_override as string | null) ?? null,
      criterionMeans: Object.fromEntries(Object.entries((r.means ?? {}) as Record<string, number | string>).map(([k, v]) => [k, Number(v)])),
      runningTotal: BigInt(r.running as string),
      withinBudget: BigInt(r.running as string) <= round.budget,
    }),
  );
  return { rows, total: rows.length > 0 ? Number(rowsOf(result)[0].total) : 0 };
}
