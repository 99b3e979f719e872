import fs from "node:fs";
import { sql } from "drizzle-orm";
import { currentDatabase } from "../../infra/db.server";
import { impactAggregateSql, impactFilterOptions, loadImpactDashboard, runImpactAggregate } from "./dashboard.server";
import { analytic, rowsOf } from "./facts.server";
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

/** CPU time (user + system, ms) of a process, from /proc: 10 ms steps. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The CPU time the PostgreSQL backend spends on the aggregate (its two statements one after the
 * other; `analytic` turns parallel workers off), all of it in the one process we can read (/proc
 * of a server on this machine). Wall time on a busy machine includes waiting for a core; this
 * does not. Null on PGlite or a remote server.
 */
async function aggregateCpu(filters: ImpactFilters, runs: number): Promise<Timing | null> {
  if (currentDatabase().driver !== "postgres") return null;
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      times.push(
        await analytic(async (tx) => {
          const [{ pid }] = await rowsOf<{ pid: number }>(sql`select pg_backend_pid() as pid`, tx);
          const before = cpuMs(pid);
          await rowsOf(impactAggregateSql(filters, "main"), tx);
          await rowsOf(impactAggregateSql(filters, "ethnic"), tx);
          return cpuMs(pid) - before;
        }),
      );
    }
  } catch {
    return null;
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
  const rawCpu = await aggregateCpu(filters, runs);
  const dashboard = await loadImpactDashboard(filters);
  return { raw, rawCpu, module, grants: dashboard.overall.grants, reports: dashboard.overall.reports };
}
