import { desc, sql, type SQL } from "drizzle-orm";
import { ethnicGroups, programmes, provinces, rounds } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { analytic, factsCtes, rowsOf } from "./facts.server";
import { HISTOGRAM, type ImpactFilters } from "./impact.schema";
import { peopleOrder } from "../../infra/people-order.server";

// The impact dashboard's figures in ONE statement: the per-grant facts (facts.server.ts) are
// materialised once, then aggregated overall, by province and by activity (GROUPING SETS), by
// ethnic group (a join to the rosters) and into the histogram, each part returned as JSON. The
// per-grant figures come from the summary the database keeps (grant_figures), so no request
// reads the 200,000 outcome reports.
//
// Statistics:
// - Quartiles and medians are PostgreSQL's `percentile_cont`: the sorted values x₁ … xₙ, the
//   position h = 1 + p·(n − 1), and linear interpolation between x⌊h⌋ and x⌈h⌉ (Hyndman and
//   Fan's type 7, the default of R and of spreadsheets' PERCENTILE / QUARTILE.INC). Grants without
//   the figure are left out (nulls are ignored). Medians of money are then rounded to whole đồng
//   (numeric round: half away from zero); percentages stay as computed.
// - Interquartile range: the first and third quartiles (25th and 75th percentiles).
// - Share whose income rose: grants with change > 0 over grants with a change (baseline and a
//   later approved report); no change counts as not risen.
// - By ethnic group: a grant counts once in EACH ethnic group present on its group's roster
//   (members who preferred not to say are not counted), so those rows add up to more than the
//   total; by province and activity each grant counts once.

export interface ImpactSlice {
  /** Province slug, activity code or ethnic group code; null for the whole selection. */
  key: string | null;
  nameVi: string | null;
  nameEn: string | null;
  grants: number;
  groups: number;
  awarded: bigint;
  paid: bigint;
  women: number;
  disbursements: number;
  /** Outcome reports (any status): the outcomes export's row count. */
  reports: number;
  /** Grants with both a baseline and an approved later report. */
  withChange: number;
  rose: number;
  /** First quartile, median and third quartile of the change, đồng per member per month. */
  change: [bigint, bigint, bigint] | null;
  /** Grants whose change has a percentage (baseline above 0). */
  withPct: number;
  pct: [number, number, number] | null;
  /** Medians of the baseline and latest incomes (grants with a change); the whole selection only. */
  baselineMedian: bigint | null;
  latestMedian: bigint | null;
}

export interface HistogramBin {
  bin: number;
  count: number;
}

export interface ImpactDashboard {
  overall: ImpactSlice;
  byProvince: ImpactSlice[];
  byActivity: ImpactSlice[];
  byEthnicity: ImpactSlice[];
  /** Every bin from 0 to HISTOGRAM.bins + 1, empty ones included. */
  histogram: HistogramBin[];
}

const aggregates = (f: string) =>
  sql.raw(`count(*)::int as grants, count(distinct ${f}.group_id)::int as groups,
    sum(${f}.awarded_amount) as awarded, sum(${f}.paid) as paid, sum(${f}.women)::int as women,
    sum(${f}.disbursements)::int as disbursements, sum(${f}.reports)::int as reports,
    count(${f}.change)::int as with_change, (count(*) filter (where ${f}.change > 0))::int as rose,
    percentile_cont(array[0.25, 0.5, 0.75]) within group (order by ${f}.change) as change_q,
    count(${f}.change_pct)::int as with_pct,
    percentile_cont(array[0.25, 0.5, 0.75]) within group (order by ${f}.change_pct) as pct_q`);

/** Money as text (exact), quantiles of money rounded to whole đồng. */
const projection = (d: string) =>
  sql.raw(`${d}.grants, ${d}.groups, coalesce(${d}.awarded, 0)::text as awarded, coalesce(${d}.paid, 0)::text as paid,
    coalesce(${d}.women, 0) as women, coalesce(${d}.disbursements, 0) as disbursements, coalesce(${d}.reports, 0) as reports,
    ${d}.with_change, ${d}.rose,
    round(${d}.change_q[1]::numeric)::text as change_q1, round(${d}.change_q[2]::numeric)::text as change_q2,
    round(${d}.change_q[3]::numeric)::text as change_q3,
    ${d}.with_pct, ${d}.pct_q[1] as pct_q1, ${d}.pct_q[2] as pct_q2, ${d}.pct_q[3] as pct_q3`);

/**
 * The raw aggregate the dashboard stands on, in two statements over the same facts: the totals,
 * the breakdowns by province and activity, the histogram and the medians; and the breakdown by
 * ethnic group (the costliest join, with the rosters). On PostgreSQL they run at the same time on
 * two connections, one core each; PGlite runs them one after the other.
 */
export function impactAggregateSql(filters: ImpactFilters, part: "main" | "ethnic"): SQL {
  const { min, max, bins } = HISTOGRAM;
  if (part === "ethnic") {
    return sql`with ${factsCtes(filters)},
    eth as (
      select distinct m.group_id, m.ethnicity_code
      from group_members m
      where m.ethnicity_code is not null
    ),
    eth_dims as (
      select e.ethnicity_code, ${aggregates("f")}
      from facts f join eth e on e.group_id = f.group_id
      group by e.ethnicity_code
    )
    select coalesce(json_agg(x), '[]'::json) as ethnic from (
      select d.ethnicity_code, eg.name_vi, ${projection("d")}
      from eth_dims d join ethnic_groups eg on eg.code = d.ethnicity_code
    ) x`;
  }
  return sql`with ${factsCtes(filters)},
    dims as (
      select grouping(f.province_slug, f.activity_type) as g, f.province_slug, f.activity_type, ${aggregates("f")}
      from facts f
      group by grouping sets ((), (f.province_slug), (f.activity_type))
    )
    select
      (select coalesce(json_agg(x), '[]'::json) from (
        select d.g, d.province_slug, d.activity_type, pv.name_vi, pv.name_en, ${projection("d")}
        from dims d left join provinces pv on pv.slug = d.province_slug
      ) x) as dims,
      (select coalesce(json_agg(x), '[]'::json) from (
        select width_bucket(change_pct, ${sql.raw(`${min}::float8, ${max}::float8, ${bins}`)}) as bin, count(*)::int as n
        from facts where change_pct is not null group by 1
      ) x) as histogram,
      -- Median incomes before and after, for the whole selection only (two more sorts per row of
      -- every breakdown would cost more than the breakdowns themselves).
      (select json_build_object(
          'baseline', round((percentile_cont(0.5) within group (order by baseline) filter (where change is not null))::numeric)::text,
          'latest', round((percentile_cont(0.5) within group (order by latest))::numeric)::text)
        from facts) as medians`;
}

interface SliceRow {
  grants: number;
  groups: number;
  awarded: string;
  paid: string;
  women: number;
  disbursements: number;
  reports: number;
  with_change: number;
  rose: number;
  change_q1: string | null;
  change_q2: string | null;
  change_q3: string | null;
  with_pct: number;
  pct_q1: number | null;
  pct_q2: number | null;
  pct_q3: number | null;
}

interface AggregateRow {
  dims: (SliceRow & { g: number; province_slug: string | null; activity_type: string | null; name_vi: string | null; name_en: string | null })[] | string;
  ethnic: (SliceRow & { ethnicity_code: string; name_vi: string })[] | string;
  histogram: { bin: number; n: number }[] | string;
  medians: { baseline: string | null; latest: string | null } | string;
}

/** Some drivers hand json columns over parsed, others as text. */
function parsed<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

const big = (value: string | null) => (value === null ? null : BigInt(value));

function slice(row: SliceRow, key: string | null, nameVi: string | null, nameEn: string | null, medians?: { baseline: string | null; latest: string | null }): ImpactSlice {
  const change = row.change_q2 === null ? null : ([BigInt(row.change_q1!), BigInt(row.change_q2), BigInt(row.change_q3!)] as [bigint, bigint, bigint]);
  const pct = row.pct_q2 === null ? null : ([Number(row.pct_q1), Number(row.pct_q2), Number(row.pct_q3)] as [number, number, number]);
  return {
    key,
    nameVi,
    nameEn,
    grants: Number(row.grants),
    groups: Number(row.groups),
    awarded: BigInt(row.awarded),
    paid: BigInt(row.paid),
    women: Number(row.women),
    disbursements: Number(row.disbursements),
    reports: Number(row.reports),
    withChange: Number(row.with_change),
    rose: Number(row.rose),
    change,
    withPct: Number(row.with_pct),
    pct,
    baselineMedian: big(medians?.baseline ?? null),
    latestMedian: big(medians?.latest ?? null),
  };
}

// grouping(province_slug, activity_type): bit 1 set when province is not grouped, bit 0 when
// activity is not grouped. () → 3, (province_slug) → 1, (activity_type) → 2.
const OVERALL = 3;
const BY_PROVINCE = 1;
const BY_ACTIVITY = 2;

const bySize = (a: ImpactSlice, b: ImpactSlice) => b.grants - a.grants || (a.key ?? "").localeCompare(b.key ?? "");

/** The raw aggregate, run as the dashboard runs it (the benchmark times this alone). */
export async function runImpactAggregate(filters: ImpactFilters): Promise<AggregateRow[]> {
  const [[main], [ethnic]] = await Promise.all([
    analytic((tx) => rowsOf<Omit<AggregateRow, "ethnic">>(impactAggregateSql(filters, "main"), tx)),
    analytic((tx) => rowsOf<Pick<AggregateRow, "ethnic">>(impactAggregateSql(filters, "ethnic"), tx)),
  ]);
  return [{ ...main, ...ethnic }];
}

export async function loadImpactDashboard(filters: ImpactFilters): Promise<ImpactDashboard> {
  const [row] = await runImpactAggregate(filters);
  const dims = parsed(row.dims);
  const overallRow = dims.find((d) => Number(d.g) === OVERALL);
  const counts = new Map(parsed(row.histogram).map((h) => [Number(h.bin), Number(h.n)]));
  return {
    overall: overallRow
      ? slice(overallRow, null, null, null, parsed(row.medians))
      : slice(
          { grants: 0, groups: 0, awarded: "0", paid: "0", women: 0, disbursements: 0, reports: 0, with_change: 0, rose: 0, change_q1: null, change_q2: null, change_q3: null, with_pct: 0, pct_q1: null, pct_q2: null, pct_q3: null },
          null,
          null,
          null,
        ),
    byProvince: dims
      .filter((d) => Number(d.g) === BY_PROVINCE)
      .map((d) => slice(d, d.province_slug, d.name_vi, d.name_en))
      .sort(bySize),
    byActivity: dims
      .filter((d) => Number(d.g) === BY_ACTIVITY)
      .map((d) => slice(d, d.activity_type, null, null))
      .sort(bySize),
    byEthnicity: parsed(row.ethnic)
      .map((d) => slice(d, d.ethnicity_code, d.name_vi, d.name_vi))
      .sort(bySize),
    histogram: Array.from({ length: HISTOGRAM.bins + 2 }, (_, bin) => ({ bin, count: counts.get(bin) ?? 0 })),
  };
}

/** What the filter form offers: programmes, rounds, the 34 provinces, the 54 ethnic groups. */
export async function impactFilterOptions(tx: DbOrTx = db) {
  const [programmeRows, roundRows, provinceRows, ethnicRows] = await Promise.all([
    tx.select({ id: programmes.id, nameVi: programmes.nameVi, nameEn: programmes.nameEn, donor: programmes.donor }).from(programmes).orderBy(desc(programmes.createdAt)),
    tx
      .select({ id: rounds.id, programmeId: rounds.programmeId, titleVi: rounds.titleVi, titleEn: rounds.titleEn })
      .from(rounds)
      .orderBy(desc(rounds.opensAt)),
    tx.select({ slug: provinces.slug, nameVi: provinces.nameVi, nameEn: provinces.nameEn }).from(provinces).orderBy(...peopleOrder(provinces.nameVi)),
    tx.select({ code: ethnicGroups.code, nameVi: ethnicGroups.nameVi }).from(ethnicGroups).orderBy(...peopleOrder(ethnicGroups.nameVi)),
  ]);
  return { programmes: programmeRows, rounds: roundRows, provinces: provinceRows, ethnicGroups: ethnicRows };
}

export type ImpactFilterOptions = Awaited<ReturnType<typeof impactFilterOptions>>;
