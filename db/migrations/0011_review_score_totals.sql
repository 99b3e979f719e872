CREATE TABLE "application_scores" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"score" numeric NOT NULL,
	"spread" numeric NOT NULL,
	"reviews_done" integer NOT NULL,
	"criterion_means" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_scores" ADD CONSTRAINT "application_scores_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Applications already reviewed get their summary, computed as the scoreboard computed it on
-- every request before (app/modules/reviews/application-scores.server.ts keeps it from now on).
INSERT INTO application_scores (application_id, score, spread, reviews_done, criterion_means)
WITH criteria AS (
  SELECT c.id, c.round_id, c.position, c.weight::float8 / c.max_score / sum(c.weight) OVER (PARTITION BY c.round_id) * 100 AS factor
  FROM rubric_criteria c
),
scores AS (
  SELECT ra.application_id, ra.id AS assignment_id, c.position, c.factor, rs.score
  FROM applications a
  JOIN review_assignments ra ON ra.application_id = a.id AND ra.status = 'submitted'
  JOIN review_scores rs ON rs.assignment_id = ra.id
  JOIN criteria c ON c.id = rs.criterion_id AND c.round_id = a.round_id
),
per_review AS (
  SELECT application_id, sum(score * factor) AS normalised FROM scores GROUP BY application_id, assignment_id
),
totals AS (
  SELECT application_id, round(avg(normalised)::numeric, 6) AS score,
    round((max(normalised) - min(normalised))::numeric, 6) AS spread, count(*)::int AS done
  FROM per_review GROUP BY application_id
),
means AS (
  SELECT application_id, jsonb_object_agg(position, mean) AS means
  FROM (SELECT application_id, position, round(avg(score), 2) AS mean FROM scores GROUP BY application_id, position) m
  GROUP BY application_id
)
SELECT t.application_id, t.score, t.spread, t.done, m.means FROM totals t JOIN means m USING (application_id);
