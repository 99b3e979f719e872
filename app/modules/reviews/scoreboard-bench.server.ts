import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "../../infra/db.server";
import { refreshApplicationScores } from "./application-scores.server";
import { loadScoreboardRound, SCOREBOARD_PAGE_SIZE, scoreboardRows } from "./scoreboard.server";

// The issue's speed target: the scoreboard of a round with 5,000 applications, 3 submitted
// reviews each and 6 criteria, median server time ≤ 100 ms on PostgreSQL. These two functions are
// for the benchmark harness (and anyone checking a query plan): one fills a round of that size in
// a few set-based statements, the other times the scoreboard's own queries on it.

export interface BenchRoundSize {
  applications: number;
  reviewsPerApplication: number;
  criteria: number;
  /** Reviewers the reviews are spread over. */
  reviewers: number;
  /** Share of applications already decided (approved, waitlisted or rejected). */
  decidedShare: number;
}

export const ISSUE_SIZE: BenchRoundSize = { applications: 5_000, reviewsPerApplication: 3, criteria: 6, reviewers: 30, decidedShare: 0.1 };

/** A closed round of `size`, with scores drawn at random; returns its id. */
export async function seedScoreboardBenchRound(size: BenchRoundSize = ISSUE_SIZE): Promise<string> {
  const tag = randomBytes(4).toString("hex");
  const maxGrant = 100_000_000n;
  const budget = BigInt(Math.ceil(size.applications * 0.3)) * 60_000_000n;
  return db.transaction(async (tx) => {
    const rows = async <T>(query: ReturnType<typeof sql>) => {
      const result = await tx.execute(query);
      return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
    };
    const [programme] = await rows<{ id: string }>(sql`
      insert into programmes (name_vi, name_en, donor, total_budget)
      values (${`Chương trình đo tốc độ ${tag}`}, ${`Benchmark programme ${tag}`}, 'Benchmark', ${budget * 2n}) returning id`);
    const [round] = await rows<{ id: string }>(sql`
      insert into rounds (programme_id, title_vi, title_en, status, opens_at, closes_at, eligible_provinces, eligible_activities,
        min_grant, max_grant, budget, reviewers_per_application, tranche_template, report_schedule)
      values (${programme.id}, ${`Đợt đo tốc độ ${tag}`}, ${`Benchmark round ${tag}`}, 'closed', now() - interval '90 days', now() - interval '30 days',
        '{lao-cai}', '{agroforestry}', 10000000, ${maxGrant}, ${budget}, ${size.reviewsPerApplication},
        '[{"percent":100,"waitsFor":"signing"}]'::jsonb, '[]'::jsonb) returning id`);
    await tx.execute(sql`
      insert into rubric_criteria (round_id, position, label_vi, label_en, weight, max_score)
      select ${round.id}, i, 'Tiêu chí ' || (i + 1), 'Criterion ' || (i + 1), 1 + i % 3, case when i % 2 = 0 then 10 else 5 end
      from generate_series(0, ${size.criteria - 1}) i`);
    const reviewers = await rows<{ id: string }>(sql`
      insert into users (name, email, password_hash, locale)
      select 'Bench reviewer ' || i, 'bench-' || ${tag} || '-' || i || '@reviewers.gieo.test', '!', 'vi'
      from generate_series(1, ${size.reviewers}) i returning id`);
    await tx.execute(sql`
      insert into user_roles (user_id, role)
      select id, 'reviewer' from users where email like ${`bench-${tag}-%`}`);
    await tx.execute(sql`
      with made as (
        insert into groups (name, kind, province_slug, commune, village, year_formed, leader_name, phone)
        select 'Nhóm ' || ${tag} || ' ' || i, 'informal', 'lao-cai', 'Sa Pa', 'Thôn ' || i, 2015, 'Trưởng nhóm ' || i, '+8491' || lpad(i::text, 7, '0')
        from generate_series(1, ${size.applications}) i
        returning id
      )
      insert into applications (round_id, group_id, status, title, activity_type, requested_amount, submitted_at, step)
      select ${round.id}, id, 'eligible', 'Dự án ' || row_number() over (), 'agroforestry',
        (20 + floor(random() * 81))::bigint * 1000000, now() - (random() * interval '30 days'), 6
      from made`);
    const reviewerIds = `{${reviewers.map((r) => r.id).join(",")}}`;
    await tx.execute(sql`
      insert into review_assignments (application_id, reviewer_id, status, no_conflict_at, recommendation, submitted_at)
      select a.id, (${reviewerIds}::uuid[])[1 + (a.n + k) % ${size.reviewers}], 'submitted', now(), 'fund', now()
      from (select id, row_number() over (order by id) as n from applications where round_id = ${round.id}) a
      cross join generate_series(0, ${size.reviewsPerApplication - 1}) k`);
    await tx.execute(sql`
      insert into review_scores (assignment_id, criterion_id, score, comment)
      select ra.id, c.id, floor(random() * (c.max_score + 1))::int, ''
      from review_assignments ra
      join applications a on a.id = ra.application_id and a.round_id = ${round.id}
      join rubric_criteria c on c.round_id = ${round.id}`);
    // Statistics first, or the planner takes the fresh rows for a handful (see db/scale.ts).
    await tx.execute(sql`analyze applications, review_assignments, review_scores, rubric_criteria`);
    await refreshApplicationScores(tx, { roundId: round.id });
    // Some decisions, so the running total meets awards and rejections. Rejected and waitlisted
    // rows carry no award, so the budget trigger is never near its limit here.
    const decided = Math.floor(size.applications * size.decidedShare);
    await tx.execute(sql`
      with chosen as (
        select id, requested_amount, row_number() over (order by id) as n
        from applications where round_id = ${round.id} order by id limit ${decided}
      ),
      decided as (
        update applications a set status = (case when c.n % 3 = 0 then 'approved' when c.n % 3 = 1 then 'waitlisted' else 'rejected' end)::application_status
        from chosen c where a.id = c.id returning a.id, a.status, a.requested_amount
      )
      insert into decisions (application_id, round_id, outcome, awarded_amount, reason_vi, decided_by)
      select id, ${round.id}, status::text::decision_outcome, case when status = 'approved' then requested_amount / 2 end, 'Đo tốc độ', ${reviewers[0].id}
      from decided`);
    return round.id;
  });
}

export interface ScoreboardTiming {
  runs: number;
  minMs: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
}

function summarise(times: number[]): ScoreboardTiming {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: sorted.length, minMs: sorted[0], medianMs: at(0.5), p90Ms: at(0.9), maxMs: sorted[sorted.length - 1] };
}

/**
 * Server time of the scoreboard page's data (the round header and the first page of ranked rows,
 * as the loader asks for them), or of every row (as the CSV export asks), after a few warm-up runs.
 */
export async function timeScoreboard(roundId: string, options: { runs?: number; warmup?: number; allRows?: boolean } = {}): Promise<ScoreboardTiming> {
  const { runs = 30, warmup = 3, allRows = false } = options;
  const once = async () => {
    const started = performance.now();
    const round = await loadScoreboardRound(roundId);
    if (!round) throw new Error(`no round ${roundId}`);
    const { rows } = await scoreboardRows(round, {
      view: { sort: "score", dir: "desc", decided: "all", flagged: false },
      page: allRows ? null : { limit: SCOREBOARD_PAGE_SIZE, offset: 0 },
    });
    if (rows.length === 0) throw new Error("the scoreboard came back empty");
    return performance.now() - started;
  };
  for (let i = 0; i < warmup; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return summarise(times);
}
