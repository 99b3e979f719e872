import fs from "node:fs";

// Issue 17's measure of "one of everything per request": the server's own CPU time per request,
// read from /proc/<pid>/stat (user + system time), route by route in alternating blocks so that
// whatever else the machine does falls on every route alike; each route's figure is the median of
// its blocks, and its ratio to /healthz (a request that does almost nothing) is what the targets
// hold, since a ratio survives a busier or slower machine better than milliseconds do.

export interface CpuRoute {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The most this route may cost, as a multiple of /healthz's CPU per request. */
  target?: number;
}

export interface CpuResult {
  label: string;
  cpuMsPerRequest: number;
  ratio: number;
  target?: number;
  met?: boolean;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

async function block(route: CpuRoute, requests: number): Promise<void> {
  for (let i = 0; i < requests; i++) {
    const response = await fetch(route.url, { headers: route.headers, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${route.url} answered ${response.status} during the CPU measure`);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** CPU per request of each route, the first being the baseline (/healthz). */
export async function cpuPerRequest(pid: number, routes: readonly CpuRoute[], options = { blocks: 8, requests: 60 }): Promise<CpuResult[]> {
  // Warm every route first (JIT, caches, prepared statements).
  for (const route of routes) await block(route, 10);
  const samples = new Map<string, number[]>(routes.map((r) => [r.label, []]));
  for (let b = 0; b < options.blocks; b++) {
    // Alternate the order too, so no route always follows the same one.
    const order = b % 2 === 0 ? routes : [...routes].reverse();
    for (const route of order) {
      const before = cpuMs(pid);
      await block(route, options.requests);
      samples.get(route.label)!.push((cpuMs(pid) - before) / options.requests);
    }
  }
  const base = median(samples.get(routes[0].label)!);
  return routes.map((route) => {
    const perRequest = median(samples.get(route.label)!);
    const ratio = perRequest / base;
    return { label: route.label, cpuMsPerRequest: perRequest, ratio, target: route.target, met: route.target === undefined ? undefined : ratio <= route.target };
  });
}

export function cpuTable(results: readonly CpuResult[]): string {
  const rows = [["route", "CPU ms / request", "× /healthz", "target", "met"]];
  for (const r of results) {
    rows.push([r.label, r.cpuMsPerRequest.toFixed(2), r.ratio.toFixed(2), r.target === undefined ? "" : `≤ ${r.target}×`, r.met === undefined ? "" : r.met ? "yes" : "no"]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ")).join("\n");
}
