import { impactFilterOptions, loadImpactDashboard, runImpactAggregate } from "./dashboard.server";
import type { ImpactFilters } from "./impact.schema";

// The speed target: the impact dashboard over the scale data (20,000 groups, 200,000
// outcome reports; db/scale-outcomes.ts) at a median server time of at most 300 ms on
// PostgreSQL, printed next to the raw SQL aggregate it stands on. The benchmark harness
// (e2e/bench/impact.ts) calls this in its own process for the SQL side, and times the page
// itself over HTTP on the production server.

export interface Timing {
  runs: number;
  minMs: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
}

export function summarise(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { runs: sorted.length, minMs: sorted[0], medianMs: mid, p90Ms: at(0.9), maxMs: sorted[sorted.length - 1] };
}

async function time(work: () => Promise<unknown>, runs: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

/**
 * `raw`: the one aggregate statement (with its transaction settings), rows as the driver gives
 * them. `module`: what the loader asks of the database and of JavaScript (the aggregate turned
 * into figures, and the filter form's lists), without HTTP and rendering.
 */
export async function timeImpact(filters: ImpactFilters = {}, options: { runs?: number; warmup?: number } = {}) {
  const { runs = 20, warmup = 3 } = options;
  const [check] = await runImpactAggregate(filters);
  if (!check) throw new Error("the aggregate returned nothing");
  const raw = await time(() => runImpactAggregate(filters), runs, warmup);
  const module = await time(() => Promise.all([loadImpactDashboard(filters), impactFilterOptions()]), runs, warmup);
  const dashboard = await loadImpactDashboard(filters);
  return { raw, module, grants: dashboard.overall.grants, reports: dashboard.overall.reports };
}
