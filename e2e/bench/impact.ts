import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Timing } from "../../app/modules/impact/impact-bench.server";
import { benchAccounts, DEMO_PASSWORD } from "./routes";
import { buildApp, freePort, freshPostgresDatabase, logTail, resetFolder, startServer, type RunningServer } from "./server";

// `npm run bench:impact`: the impact dashboard and the donor exports over a programme at scale.
//
//  1. builds the app, makes a fresh database and seeds it with db/scale-outcomes.ts
//     (--groups, 20,000 by default: 200,000 outcome reports);
//  2. times the dashboard's raw SQL aggregate in its own process (e2e/bench/impact-sql.ts);
//  3. starts the production server, logs in as the demo admin and times GET /admin/impact
//     one request at a time (the median server time of the target), then prints it next
//     to the raw aggregate's median and their ratio;
//  4. downloads the full XLSX export (summary, grants, disbursements, outcomes) and the outcomes
//     CSV, reading the server process's resident memory from /proc every 50 ms meanwhile.

const usage = `Usage: npm run bench:impact -- [options]

  --groups <n>        groups in the scale programme (default 20000)
  --runs <n>          timed requests of the dashboard (default 20)
  --no-build          use the existing build/
  --reuse             keep the database of the previous run (no new seeding)
  --pg-database <db>  database made when DATABASE_URL is set (default gieo_bench_impact)
  --heap <MB>         V8 old-space limit of the server, instead of the one package.json's
                      serve script sets (0: Node's default, a quarter of the machine's memory)
  --json <file>       also write the figures as JSON`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outputDir = path.join(root, "e2e/.output/bench-impact");
const progress = (message: string) => process.stderr.write(`${message}\n`);
const browser = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Accept-Encoding": "gzip",
};

let server: RunningServer | undefined;

function run(command: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}

/** Resident memory of a process in MB, from /proc (Linux); null where there is no /proc. */
function memory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(/^(\w+):\s+(\d+) kB$/m.exec(status.split("\n").find((l) => l.startsWith(`${name}:`)) ?? "")?.[2] ?? NaN);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

async function logIn(origin: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { ...browser, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ identifier: benchAccounts.admin, password: DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("gieo_session="));
  if (response.status !== 302 || !session) throw new Error(`logging in as the admin failed: ${response.status}`);
  return session;
}

function summarise(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { runs: sorted.length, minMs: sorted[0], medianMs: mid, p90Ms: at(0.9), maxMs: sorted[sorted.length - 1] };
}

async function timePage(url: string, cookie: string, runs: number): Promise<Timing> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { ...browser, Cookie: cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return summarise(times);
}

interface Download {
  url: string;
  status: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  rssBeforeMb: number | null;
  peakRssMb: number | null;
}

/** Reads a download to the end, sampling the server's memory meanwhile. */
async function download(url: string, cookie: string, pid: number | undefined): Promise<Download> {
  const before = pid ? memory(pid)?.rss ?? null : null;
  let peak = before ?? 0;
  const sampler = setInterval(() => {
    const now = pid ? memory(pid) : null;
    if (now && now.rss > peak) peak = now.rss;
  }, 50);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { ...browser, Cookie: cookie } });
    let firstByteMs = 0;
    let bytes = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += value.byteLength;
    }
    return { url, status: response.status, bytes, firstByteMs, totalMs: performance.now() - started, rssBeforeMb: before, peakRssMb: pid ? peak : null };
  } finally {
    clearInterval(sampler);
  }
}

/** Alternates a dashboard request and the raw aggregate (PostgreSQL only: a second connection). */
async function pairedTimes(databaseUrl: string, url: string, cookie: string, runs: number) {
  const { createDb } = await import("../../db/client");
  const { setDatabase } = await import("../../app/infra/db.server");
  const { runImpactAggregate } = await import("../../app/modules/impact/dashboard.server");
  const database = await createDb({ url: databaseUrl, max: 2 });
  setDatabase(database);
  try {
    const page: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      let started = performance.now();
      const response = await fetch(url, { headers: { ...browser, Cookie: cookie } });
      await response.arrayBuffer();
      const pageMs = performance.now() - started;
      started = performance.now();
      await runImpactAggregate({});
      const rawMs = performance.now() - started;
      if (i >= 3) {
        page.push(pageMs);
        raw.push(rawMs);
      }
    }
    return { page: summarise(page), raw: summarise(raw) };
  } finally {
    await database.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      groups: { type: "string", default: "20000" },
      runs: { type: "string", default: "20" },
      "no-build": { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      "pg-database": { type: "string", default: "gieo_bench_impact" },
      heap: { type: "string" },
      json: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const groups = Number(values.groups);
  const heap = values.heap === undefined ? undefined : Number(values.heap);
  if (heap !== undefined && !(Number.isInteger(heap) && heap >= 0)) throw new Error(usage);
  const runs = Number(values.runs);
  if (!Number.isInteger(groups) || groups < 1 || !Number.isInteger(runs) || runs < 1) throw new Error(usage);
  const loadAverage = os.loadavg()[0];

  if (!values["no-build"]) {
    progress("Building (npm run build)…");
    await buildApp(root);
  }
  const dataDir = path.join(outputDir, "data");
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    if (values.reuse) {
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${values["pg-database"]}`;
      databaseUrl = url.href;
    } else databaseUrl = await freshPostgresDatabase(process.env.DATABASE_URL, values["pg-database"]);
  }
  if (!values.reuse) {
    resetFolder(outputDir);
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = { ...process.env, GIEO_DATA_DIR: dataDir, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;

  const scaleFile = path.join(outputDir, "scale.json");
  if (!values.reuse) {
    progress(`Seeding ${groups.toLocaleString("en")} groups (db/scale-outcomes.ts)…`);
    const started = performance.now();
    await run(["--import", "tsx", "db/scale-outcomes.ts", "--groups", String(groups), "--out", scaleFile], env, "db/scale-outcomes.ts");
    progress(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  const scale = JSON.parse(fs.readFileSync(scaleFile, "utf8")) as { sampleGroupId: string };

  progress("Timing the raw SQL aggregate (its own process)…");
  const sqlFile = path.join(outputDir, "sql.json");
  await run(["--import", "tsx", "e2e/bench/impact-sql.ts", "--runs", String(runs), "--out", sqlFile], env, "e2e/bench/impact-sql.ts");
  const sql = JSON.parse(fs.readFileSync(sqlFile, "utf8")) as { raw: Timing; rawCpu: Timing | null; module: Timing; grants: number; reports: number; driver: string };

  const port = await freePort();
  progress(`Starting the server on port ${port}…`);
  server = await startServer({ root, port, dataDir, databaseUrl, logFile: path.join(outputDir, "server.log"), heapMb: heap });
  const origin = server.origin;
  const cookie = await logIn(origin);

  progress(`Timing GET /admin/impact (${runs} requests, one at a time)…`);
  const dashboard = await timePage(`${origin}/admin/impact`, cookie, runs);
  // On PostgreSQL the raw aggregate is timed again while the server runs, each statement right
  // after a page request, so the ratio compares the two under the same load.
  const paired = databaseUrl ? await pairedTimes(databaseUrl, `${origin}/admin/impact`, cookie, runs) : null;
  const filtered = await timePage(`${origin}/admin/impact?province=lao-cai&activity=agroforestry`, cookie, runs);
  const groupPage = await timePage(`${origin}/impact/groups/${scale.sampleGroupId}`, cookie, runs);

  // The exports on a server freshly started, so that its memory before the download is its idle
  // footprint rather than what sixty dashboard pages left for the garbage collector. It runs with
  // the serve script's heap limit (DECISIONS.md #20) unless --heap says otherwise.
  await server.stop();
  server = await startServer({ root, port, dataDir, databaseUrl, logFile: path.join(outputDir, "server-export.log"), heapMb: heap });
  const heapLabel = server.nodeFlags.find((flag) => flag.startsWith("--max-old-space-size=")) ?? "Node's default heap limit";
  // Past start-up (migrations, demo seed) before measuring what the exports add.
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const exportCookie = await logIn(origin);
  progress("Downloading the full XLSX export…");
  const xlsx = await download(`${origin}/admin/impact/export.xlsx?dataset=all`, exportCookie, server.pid);
  progress("Downloading the outcomes CSV…");
  const csv = await download(`${origin}/admin/impact/export.csv?dataset=outcomes`, exportCookie, server.pid);
  const hwm = server.pid ? memory(server.pid)?.hwm ?? null : null;
  await server.stop();
  server = undefined;

  const ms = (v: number) => v.toFixed(1);
  const mb = (v: number | null) => (v === null ? "n/a" : v.toFixed(0));
  const lines = [
    `\nImpact bench — ${sql.driver === "postgres" ? "PostgreSQL" : "PGlite"}, ${sql.grants.toLocaleString("en")} grants, ${sql.reports.toLocaleString("en")} outcome reports`,
    `${os.cpus()[0]?.model.trim() ?? "cpu"} × ${os.availableParallelism()}, load average ${loadAverage.toFixed(2)} at start, Node ${process.version}\n`,
    "| what | runs | median ms | p90 ms | min ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| raw SQL aggregate (two statements side by side) | ${sql.raw.runs} | ${ms(sql.raw.medianMs)} | ${ms(sql.raw.p90Ms)} | ${ms(sql.raw.minMs)} |`,
    ...(sql.rawCpu
      ? [`| raw SQL aggregate, PostgreSQL backend CPU time (both statements) | ${sql.rawCpu.runs} | ${ms(sql.rawCpu.medianMs)} | ${ms(sql.rawCpu.p90Ms)} | ${ms(sql.rawCpu.minMs)} |`]
      : []),
    `| dashboard data in the module (aggregate + filter lists) | ${sql.module.runs} | ${ms(sql.module.medianMs)} | ${ms(sql.module.p90Ms)} | ${ms(sql.module.minMs)} |`,
    `| GET /admin/impact (server time over HTTP) | ${dashboard.runs} | ${ms(dashboard.medianMs)} | ${ms(dashboard.p90Ms)} | ${ms(dashboard.minMs)} |`,
    `| GET /admin/impact?province=…&activity=… | ${filtered.runs} | ${ms(filtered.medianMs)} | ${ms(filtered.p90Ms)} | ${ms(filtered.minMs)} |`,
    `| GET /impact/groups/:id | ${groupPage.runs} | ${ms(groupPage.medianMs)} | ${ms(groupPage.p90Ms)} | ${ms(groupPage.minMs)} |`,
    ...(paired
      ? [
          `| paired: GET /admin/impact, each followed by… | ${paired.page.runs} | ${ms(paired.page.medianMs)} | ${ms(paired.page.p90Ms)} | ${ms(paired.page.minMs)} |`,
          `| paired: …the raw SQL aggregate | ${paired.raw.runs} | ${ms(paired.raw.medianMs)} | ${ms(paired.raw.p90Ms)} | ${ms(paired.raw.minMs)} |`,
        ]
      : []),
    "",
    paired
      ? `Dashboard median / raw SQL median (paired): ${(paired.page.medianMs / paired.raw.medianMs).toFixed(2)}`
      : `Dashboard median / raw SQL median: ${(dashboard.medianMs / sql.raw.medianMs).toFixed(2)}`,
    `Target, dashboard median ≤ 300 ms: ${dashboard.medianMs <= 300 ? "met" : "NOT met"} (${ms(dashboard.medianMs)} ms).`,
    "",
    `Exports (server started with ${heapLabel}; sizes as received, the CSV decompressed):`,
    "",
    "| export | status | MB | first byte ms | total s | server RSS before MB | server peak RSS MB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...[xlsx, csv].map(
      (d) =>
        `| ${d.url.replace(origin, "")} | ${d.status} | ${(d.bytes / 1e6).toFixed(1)} | ${ms(d.firstByteMs)} | ${(d.totalMs / 1000).toFixed(1)} | ${mb(d.rssBeforeMb)} | ${mb(d.peakRssMb)} |`,
    ),
    "",
    `Export server's high-water mark (VmHWM, start-up included): ${mb(hwm)} MB (limit for the export: 300 MB).`,
  ];
  console.log(lines.join("\n"));
  if (values.json) {
    fs.writeFileSync(path.resolve(values.json), JSON.stringify({ loadAverage, heap: heapLabel, sql, dashboard, paired, filtered, groupPage, xlsx, csv, hwmMb: hwm }, null, 2) + "\n");
  }
}

process.once("SIGINT", () => void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
process.on("exit", () => server?.stopNow());

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (server) console.error(`\nLast lines of the server log (${server.logFile}):\n${logTail(server.logFile)}`);
  process.exitCode = 1;
} finally {
  await server?.stop();
}
