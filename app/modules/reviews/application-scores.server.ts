import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { applications } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";

// What the scoreboard shows of an application's reviews (score, spread, reviews done, mean per
// criterion) is kept in application_scores, so that a round of thousands of applications is ranked
// from one narrow row each instead of from every score of the round on each request. Whatever
// changes those figures rewrites them in its own transaction: a review submitted or reopened, the
// rubric edited; seeds and test fixtures that write reviews directly call this too.

/** The applications to rewrite: a few by id, or every one of a round. */
export type ScoreScope = { applicationIds: string[] } | { roundId: string };

/**
 * Rewrites the summaries of the applications in `scope` from their submitted reviews.
 *
 * A review's weighted score normalised to 100 is sum(score / max × weight) / sum(weights) × 100
 * over the round's rubric as it is now; an application's score is the mean over its submitted
 * reviews, the spread the highest minus the lowest. Sums are float8 for speed; rounding to 6
 * places removes their noise before anything compares. A submitted review with no score counts
 * for nothing, and an application without any scored review gets no row.
 *
 * The applications are locked first (in id order, as every other command locks them), so two
 * reviewers submitting on the same application at once are served one after the other, and the
 * second one's figures include the first one's review.
 */
export async function refreshApplicationScores(tx: DbOrTx, scope: ScoreScope): Promise<void> {
  if ("applicationIds" in scope && scope.applicationIds.length === 0) return;
  const chosen: SQL = "roundId" in scope ? eq(applications.roundId, scope.roundId) : inArray(applications.id, scope.applicationIds);
  await tx.select({ id: applications.id }).from(applications).where(chosen).orderBy(asc(applications.id)).for("no key update");
  await tx.execute(sql`
    delete from application_scores where application_id in (select ${applications.id} from ${applications} where ${chosen})`);
  await tx.execute(sql`
    insert into application_scores (application_id, score, spread, reviews_done, criterion_means)
    with apps as (
      select ${applications.id} as id, ${applications.roundId} as round_id from ${applications} where ${chosen}
    ),
    criteria as (
      -- What one point of each criterion is worth out of 100.
      select c.id, c.round_id, c.position, c.weight::float8 / c.max_score / sum(c.weight) over (partition by c.round_id) * 100 as factor
      from rubric_criteria c where c.round_id in (select round_id from apps)
    ),
    scores as (
      select ra.application_id, ra.id as assignment_id, c.position, c.factor, rs.score
      from apps
      join review_assignments ra on ra.application_id = apps.id and ra.status = 'submitted'
      join review_scores rs on rs.assignment_id = ra.id
      join criteria c on c.id = rs.criterion_id and c.round_id = apps.round_id
    ),
    per_review as (
      select application_id, sum(score * factor) as normalised from scores group by application_id, assignment_id
    ),
    totals as (
      select application_id, round(avg(normalised)::numeric, 6) as score,
        round((max(normalised) - min(normalised))::numeric, 6) as spread, count(*)::int as done
      from per_review group by application_id
    ),
    means as (
      select application_id, jsonb_object_agg(position, mean) as means
      from (select application_id, position, round(avg(score), 2) as mean from scores group by application_id, position) m
      group by application_id
    )
    select t.application_id, t.score, t.spread, t.done, m.means from totals t join means m using (application_id)`);
}

/**
 * Rewrites the summaries of a whole round: what an edited rubric needs, since reviews already
 * submitted are weighed by the rubric as it is now. The programmes module calls it (in the
 * rubric's own transaction) through the route that saves a round.
 */
export function rescoreRound(tx: DbOrTx, roundId: string): Promise<void> {
  return refreshApplicationScores(tx, { roundId });
}
