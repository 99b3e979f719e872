import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "../../infra/db.server";
import type { ImpactFilters } from "./impact.schema";

// The impact module is an analytical READ MODEL across domains: it reads grants, disbursements,
// outcome reports, groups, rosters and applications with its own SQL, and never writes any of
// them. The owning modules (grants, disbursements, outcomes, groups) keep their tables and their
// rules; what is defined here is only how the programme's figures are counted. The dashboard,
// the per-group pages and the exports all read through `factsCtes`, so a figure means the same
// thing on screen and in a donor's spreadsheet (the tests check that the totals agree).
//
// Definitions (one row of `facts` per grant; the report and money figures are kept per grant in
// `grant_figures` by the database, db/schema/impact.ts):
// - A grant counts when it is not cancelled (awaiting acceptance, active or completed).
// - paid: net money, the sum of its disbursements whose status is `paid` (not prepared, approved,
//   processing, failed, cancelled or reversed) less its approved money returns (issue 14).
// - baseline: the approved `baseline` outcome report's average monthly income per member, or the
//   application's baseline income when a grant has no baseline report (grants made before the
//   outcome reports existed).
// - latest: the average monthly income of the approved report with the most months after signing,
//   the baseline excluded (ties: the greater income). Null while no report after the baseline is
//   approved: such a grant counts in money and groups, not in income change.
// - change: latest − baseline, đồng per member per month; change_pct: 100 × change / baseline,
//   only when the baseline is above 0 (a change from nothing has no percentage).
// - women ("women reached"): women earning from the activity in the latest approved report that
//   gives the figure (the baseline's comes from the application's "women taking part"), else the
//   application's women taking part, else 0. Counted per grant, so the sum is a sum over grants.

/** Rows of a raw query, whichever driver runs (postgres-js gives an array, PGlite `{ rows }`). */
export async function rowsOf<T>(query: SQL, tx: DbOrTx = db): Promise<T[]> {
  const result = await tx.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

/** The grants the filters select, as a SQL condition over `gr` (grants), `r`, `grp` and `a`. */
export function scopeCondition(filters: ImpactFilters): SQL {
  const parts: SQL[] = [sql`gr.status <> 'cancelled'`];
  if (filters.programme) parts.push(sql`r.programme_id = ${filters.programme}::uuid`);
  if (filters.round) parts.push(sql`gr.round_id = ${filters.round}::uuid`);
  if (filters.province) parts.push(sql`grp.province_slug = ${filters.province}`);
  if (filters.activity) parts.push(sql`a.activity_type = ${filters.activity}`);
  // A group counts for every ethnic group represented on its roster.
  if (filters.ethnicity) {
    parts.push(sql`exists (select 1 from group_members em where em.group_id = gr.group_id and em.ethnicity_code = ${filters.ethnicity})`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * A page of grants: by keyset on the grant id for exports (each page walks the primary key from
 * where the last stopped, so a whole export reads each grant once), or by offset in the order
 * people read (province, group name) for list pages.
 */
export type FactsPage = { after?: string | null; limit: number } | { offset: number; limit: number };

/**
 * `joined, facts` as common table expressions, to follow `with`; `facts` has one row per grant the
 * filters select. Money and report figures come from `grant_figures`, the per-grant summary the
 * database keeps from disbursements and outcome reports (db/schema/impact.ts, migration 0015), so
 * the dashboard reads 20,000 narrow rows instead of 200,000 reports. The application's baseline
 * and women taking part fill in where no approved report gives them. With a page (see FactsPage)
 * the grants are ordered and cut here; `labels` adds the names (programme, round, province)
 * exports and lists print.
 */
export function factsCtes(filters: ImpactFilters, options: { page?: FactsPage; labels?: boolean; groupIds?: readonly string[] } = {}): SQL {
  const { page, labels = false, groupIds } = options;
  const conditions: SQL[] = [scopeCondition(filters)];
  // A group's own people see only their groups' grants.
  if (groupIds) conditions.push(groupIds.length ? sql`gr.group_id in (${sql.join(groupIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
  if (page && "after" in page && page.after) conditions.push(sql`gr.id > ${page.after}::uuid`);
  const paging = !page
    ? sql``
    : "offset" in page
      ? sql`order by grp.province_slug, grp.name, gr.id limit ${page.limit} offset ${page.offset}`
      : sql`order by gr.id limit ${page.limit}`;
  const labelColumns = labels
    ? sql`, a.title, grp.name as group_name, p.name_vi as programme_vi, p.name_en as programme_en,
        r.title_vi as round_vi, r.title_en as round_en, pv.name_vi as province_vi, pv.name_en as province_en`
    : sql``;
  const labelJoins = labels ? sql`join programmes p on p.id = r.programme_id join provinces pv on pv.slug = grp.province_slug` : sql``;
  return sql`joined as (
      select gr.id as grant_id, gr.group_id, gr.round_id, r.programme_id, gr.status::text as grant_status,
        gr.awarded_amount, gr.accepted_at, grp.province_slug, a.activity_type ${labelColumns},
        coalesce(gf.paid, 0) as paid,
        coalesce(gf.disbursements, 0) as disbursements,
        coalesce(gf.reports, 0) as reports,
        coalesce(gf.report_baseline, a.baseline_income) as baseline,
        gf.latest,
        gf.latest_months,
        coalesce(gf.report_women, a.women_taking_part, 0) as women
      from grants gr
      join rounds r on r.id = gr.round_id
      join groups grp on grp.id = gr.group_id
      join applications a on a.id = gr.application_id
      ${labelJoins}
      left join grant_figures gf on gf.grant_id = gr.id
      where ${sql.join(conditions, sql` and `)}
      ${paging}
    ),
    facts as materialized (
      select j.*,
        j.latest - j.baseline as change,
        -- float8 (not numeric): a percentage shown to one decimal, and several times cheaper to compute.
        case when j.baseline > 0 then (j.latest - j.baseline)::float8 * 100 / j.baseline end as change_pct
      from joined j
    )`;
}

/**
 * Runs an analytical query in a transaction with settings of its own: JIT compilation off
 * (PostgreSQL's cost estimates for these joins of CTEs come out huge, and compiling the plan took
 * seconds longer than running it), room to sort and hash in memory, and no parallel workers — the
 * dashboard already runs its two statements side by side, one core each, and extra workers on a
 * small machine only queued behind them (measured: 290 → 245 ms median on two cores).
 */
export async function analytic<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return work(tx);
  });
}

/** One grant as the exports and the list pages show it. */
export interface GrantFact {
  grantId: string;
  groupId: string;
  roundId: string;
  programmeId: string;
  grantStatus: string;
  awarded: bigint;
  acceptedAt: Date | null;
  groupName: string;
  provinceSlug: string;
  provinceVi: string;
  provinceEn: string;
  activityType: string | null;
  title: string;
  programmeVi: string;
  programmeEn: string;
  roundVi: string;
  roundEn: string;
  paid: bigint;
  disbursements: number;
  /** Outcome reports of the grant, any status: its rows in the outcomes export. */
  reports: number;
  baseline: bigint | null;
  latest: bigint | null;
  latestMonths: number | null;
  women: number;
  change: bigint | null;
  changePct: number | null;
}

interface FactRow {
  grant_id: string;
  group_id: string;
  round_id: string;
  programme_id: string;
  grant_status: string;
  awarded: string;
  accepted_at: Date | string | null;
  group_name: string;
  province_slug: string;
  province_vi: string;
  province_en: string;
  activity_type: string | null;
  title: string;
  programme_vi: string;
  programme_en: string;
  round_vi: string;
  round_en: string;
  paid: string;
  disbursements: number;
  reports: number;
  baseline: string | null;
  latest: string | null;
  latest_months: number | null;
  women: number;
  change: string | null;
  change_pct: number | null;
}

const big = (value: string | null) => (value === null ? null : BigInt(value));

/** Money leaves PostgreSQL as text and becomes bigint here: never through a float. */
function toFact(row: FactRow): GrantFact {
  return {
    grantId: row.grant_id,
    groupId: row.group_id,
    roundId: row.round_id,
    programmeId: row.programme_id,
    grantStatus: row.grant_status,
    awarded: BigInt(row.awarded),
    acceptedAt: row.accepted_at === null ? null : new Date(row.accepted_at),
    groupName: row.group_name,
    provinceSlug: row.province_slug,
    provinceVi: row.province_vi,
    provinceEn: row.province_en,
    activityType: row.activity_type,
    title: row.title,
    programmeVi: row.programme_vi,
    programmeEn: row.programme_en,
    roundVi: row.round_vi,
    roundEn: row.round_en,
    paid: BigInt(row.paid),
    disbursements: Number(row.disbursements),
    reports: Number(row.reports),
    baseline: big(row.baseline),
    latest: big(row.latest),
    latestMonths: row.latest_months === null ? null : Number(row.latest_months),
    women: Number(row.women),
    change: big(row.change),
    changePct: row.change_pct === null ? null : Number(row.change_pct),
  };
}

/** One page of grant facts, in the page's order. */
export async function grantFacts(filters: ImpactFilters, page: FactsPage, groupIds?: readonly string[]): Promise<GrantFact[]> {
  const order = "offset" in page ? sql`province_slug, group_name, grant_id` : sql`grant_id`;
  const query = sql`with ${factsCtes(filters, { page, labels: true, groupIds })}
      select grant_id, group_id, round_id, programme_id, grant_status, awarded_amount::text as awarded, accepted_at,
        group_name, province_slug, province_vi, province_en, activity_type, title,
        programme_vi, programme_en, round_vi, round_en,
        paid::text as paid, disbursements, reports, baseline::text as baseline, latest::text as latest, latest_months,
        women::int as women, change::text as change, change_pct
      from facts
      order by ${order}`;
  const rows = await analytic((tx) => rowsOf<FactRow>(query, tx));
  return rows.map(toFact);
}

/**
 * Every grant the filters select, page after page (keyset on the grant id): an export reads a
 * page, writes it out and only then asks for the next, so memory holds one page at a time.
 */
export async function* grantFactPages(filters: ImpactFilters, pageSize = 500): AsyncGenerator<GrantFact[]> {
  let after: string | null = null;
  for (;;) {
    const page = await grantFacts(filters, { after, limit: pageSize });
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].grantId;
  }
}
