import { execFileSync } from "node:child_process";
import { cpuPerRequest, cpuTable, type CpuResult } from "./cpu";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { load, stopLoad, type LoadResult } from "./load";
import { pageWeight, type PageWeight } from "./page-weight";
import { baseline, benchAccounts, DEMO_PASSWORD, routes, type BenchRole, type BenchRoute } from "./routes";
import {
  seedScale,
  buildApp,
  freePort,
  freshPostgresDatabase,
  logTail,
  resetFolder,
  startServer,
  type RunningServer,
} from "./server";

// `npm run bench`: build, start the production server on a fresh database, log in, load each
// route in e2e/bench/routes.ts with autocannon, weigh each page, print the tables. See README.md.

const usage = `Usage: npm run bench -- [options]

  --duration <s>      seconds of load per route (default 5)
  --connections <n>   concurrent connections (default 10)
  --warmup <s>        seconds of unmeasured load before each route (default 1)
  --route <path>      only this route (repeatable); the baseline always runs
  --json <file>       also write the results as JSON
  --no-build          use the existing build/ instead of running npm run build
  --check-budgets     exit with code 1 when a page is over its weight budget
  --pg-database <db>  database the bench creates when DATABASE_URL is set (default gieo_bench)
  --grants <n>        grants (tranches, disbursements) seeded for the finance pages (default 20000)
  --help

Without DATABASE_URL the server uses an embedded PGlite database in e2e/.output/bench/;
with DATABASE_URL=postgres://… (a server on this machine) it uses a fresh database there.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outputDir = path.join(root, "e2e/.output/bench");

// What an applicant's phone sends. A User-Agent matters: entry.server.tsx renders differently
// for bots, and isbot() counts most tool-like names (e.g. "gieo-bench") as bots.
const browserHeaders = {
  "User-Agent":
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "Accept-Encoding": "gzip",
};

interface Options {
  duration: number;
  connections: number;
  warmup: number;
  only: string[];
  json?: string;
  build: boolean;
  checkBudgets: boolean;
  pgDatabase: string;
  /** Applications (3 reviews each) in the scale round the lists and the scoreboard are measured on. */
  scale: number;
  /** Grants with tranches and disbursements the finance queue and ledger are measured on. */
  grants: number;
}

function parseOptions(): Options {
  const { values } = tryParse(() =>
    parseArgs({
      options: {
        duration: { type: "string", default: "5" },
        connections: { type: "string", default: "10" },
        warmup: { type: "string", default: "1" },
        route: { type: "string", multiple: true, default: [] },
        json: { type: "string" },
        "no-build": { type: "boolean", default: false },
        "check-budgets": { type: "boolean", default: false },
        "pg-database": { type: "string", default: "gieo_bench" },
        scale: { type: "string", default: "5000" },
        grants: { type: "string", default: "20000" },
        help: { type: "boolean", default: false },
      },
    }),
  );
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number of at least ${min}`);
    return n;
  };
  return {
    duration: number("duration", values.duration, 1),
    connections: Math.round(number("connections", values.connections, 1)),
    warmup: number("warmup", values.warmup, 0),
    only: values.route,
    json: values.json,
    build: !values["no-build"],
    checkBudgets: values["check-budgets"],
    pgDatabase: values["pg-database"],
    scale: Math.round(number("scale", values.scale, 1)),
    grants: Math.round(number("grants", values.grants, 0)),
  };
}

class UsageError extends Error {}

/** Unknown flags and missing values: node:util says what is wrong; the usage goes with it. */
function tryParse<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

interface RouteResult extends BenchRoute {
  load: LoadResult;
  /** This route's p50 latency divided by the baseline's: how many baselines one request costs. */
  p50VsBaseline: number;
  /** This route's requests/s divided by the baseline's. */
  rpsVsBaseline: number;
}

interface WeightResult extends BenchRoute {
  weight: PageWeight;
  overBudget: boolean;
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

let server: RunningServer | undefined;

async function main() {
  const options = parseOptions();
  const loadAverage = Number(os.loadavg()[0].toFixed(2));
  const selected = options.only.length ? routes.filter((r) => options.only.includes(r.path)) : routes;
  if (selected.length === 0) throw new UsageError(`No route in e2e/bench/routes.ts matches ${options.only.join(", ")}`);

  if (options.build) {
    const started = performance.now();
    progress("Building (npm run build)…");
    await buildApp(root);
    progress(`Built in ${seconds(performance.now() - started)}.`);
  }

  resetFolder(outputDir);
  const databaseUrl = process.env.DATABASE_URL
    ? await freshPostgresDatabase(process.env.DATABASE_URL, options.pgDatabase)
    : undefined;
  // Volume first, in its own process, before the server opens the database (PGlite's folder
  // takes one process at a time): the scale round the list and scoreboard routes are measured on.
  const scaleFile = path.join(outputDir, "scale.json");
  progress(`Seeding the scale data (${options.scale} applications, 3 reviews each; ${options.grants} grants)…`);
  await seedScale({ root, dataDir: path.join(outputDir, "data"), databaseUrl, count: options.scale, grants: options.grants, out: scaleFile });
  const scale = JSON.parse(fs.readFileSync(scaleFile, "utf8")) as { roundId: string; demoDraftId: string | null; sampleGrantId?: string | null };
  const resolve = (route: BenchRoute): BenchRoute => ({
    ...route,
    path: route.path
      .replace("{scaleRound}", scale.roundId)
      .replace("{demoDraft}", scale.demoDraftId ?? "missing")
      .replace("{scaleGrant}", scale.sampleGrantId ?? "missing"),
  });
  const targets = selected.map(resolve);

  const port = await freePort();
  progress(
    `Starting the server on port ${port} (${databaseUrl ? `PostgreSQL, database ${options.pgDatabase}` : "PGlite"})…`,
  );
  server = await startServer({
    root,
    port,
    dataDir: path.join(outputDir, "data"),
    databaseUrl,
    logFile: path.join(outputDir, "server.log"),
  });
  const origin = server.origin;
  // Issue 17, item 4: what the server holds at idle once the demo data is in (before any load).
  const idleMemory = server.pid ? await idleResidentMb(server.pid) : null;
  // /healthz no longer names the driver (issue 18): the bench knows which one it started.
  const driver = databaseUrl ? "postgres" : "pglite";

  const cookies = new Map<BenchRole, string>();
  const headersFor = async (role: BenchRole | null): Promise<Record<string, string>> => {
    if (!role) return { ...browserHeaders };
    if (!cookies.has(role)) cookies.set(role, await logIn(origin, role));
    return { ...browserHeaders, Cookie: cookies.get(role)! };
  };

  // A route that redirects (say, to /login because the session was refused) would look fast;
  // say so before spending seconds on it.
  for (const route of targets) {
    const response = await fetch(origin + route.path, { headers: await headersFor(route.role), redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) {
      progress(`Warning: GET ${route.path} as ${route.role ?? "anonymous"} answers ${response.status}, not 200.`);
    }
  }

  progress("Weighing pages…");
  const weights: WeightResult[] = [];
  for (const route of targets) {
    const weight = await pageWeight(origin + route.path, await headersFor(route.role));
    if (!weight) continue;
    weights.push({
      ...route,
      weight,
      overBudget: route.budgetKb !== undefined && weight.total > route.budgetKb * 1000,
    });
  }

  const measure = async (route: BenchRoute): Promise<LoadResult> => {
    const settings = {
      url: origin + route.path,
      headers: await headersFor(route.role),
      connections: options.connections,
    };
    progress(`Loading ${route.path} as ${route.role ?? "anonymous"} (${options.duration} s)…`);
    if (options.warmup > 0) await load({ ...settings, duration: options.warmup });
    return load({ ...settings, duration: options.duration });
  };
  const base = await measure(baseline);
  const results: RouteResult[] = [];
  for (const route of targets) {
    const result = await measure(route);
    results.push({
      ...route,
      load: result,
      p50VsBaseline: result.latency.p50 / base.latency.p50,
      rpsVsBaseline: result.requestsPerSecond / base.requestsPerSecond,
    });
  }

  // Issue 17: the server's CPU per request against /healthz, in alternating blocks.
  let cpu: CpuResult[] = [];
  if (server.pid && fs.existsSync(`/proc/${server.pid}/stat`)) {
    progress("Measuring the server's CPU per request…");
    const cpuRoute = async (label: string, pathname: string, role: BenchRole | null, target?: number) => ({
      label,
      url: origin + resolve({ path: pathname, role }).path,
      headers: await headersFor(role),
      target,
    });
    cpu = await cpuPerRequest(server.pid, [
      await cpuRoute("/healthz", "/healthz", null),
      await cpuRoute("/login", "/login", null, 1.6),
      await cpuRoute("/admin/users", "/admin/users", "admin", 3),
      await cpuRoute("a round's applications", "/admin/rounds/{scaleRound}/applications", "admin", 4),
    ]);
  }

  await server.stop();
  server = undefined;

  const context = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    database: driver,
    node: process.version,
    cpu: `${os.cpus()[0]?.model.trim() ?? "unknown"} × ${os.availableParallelism()}`,
    // The load generator shares the machine with the server; anything else busy skews both.
    loadAverageAtStart: loadAverage,
    connections: options.connections,
    durationSeconds: options.duration,
    warmupSeconds: options.warmup,
  };
  console.log(
    `\nGieo bench — ${driver === "pglite" ? "PGlite (embedded)" : driver === "postgres" ? "PostgreSQL" : driver}, ` +
      `${options.connections} connections, ${options.duration} s per route after ${options.warmup} s warm-up\n` +
      `${context.cpu} (load average ${loadAverage} at start), Node ${context.node}` +
      `${context.commit ? `, commit ${context.commit}` : ""}\n`,
  );
  console.log(loadTable(base, results));
  console.log("\nPage weight (first visit, gzip; kB = 1000 bytes)\n");
  console.log(weightTable(weights));
  if (idleMemory !== null) {
    const target = driver === "pglite" ? " (target ≤ 350 MB on the embedded database)" : "";
    console.log(`\nServer resident memory at idle after the demo seed: ${idleMemory.toFixed(0)} MB${target}`);
  }
  if (cpu.length > 0) {
    console.log("\nServer CPU per request (median of alternating blocks; targets of issue 17)\n");
    console.log(cpuTable(cpu));
  }

  if (options.json) {
    const file = path.resolve(process.cwd(), options.json);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify(
        { ...context, baseline: { ...baseline, load: base }, routes: results, pageWeight: weights, cpu, idleResidentMb: idleMemory },
        null,
        2,
      ) + "\n",
    );
    progress(`\nResults written to ${path.relative(process.cwd(), file) || file}`);
  }

  const over = weights.filter((w) => w.overBudget);
  if (options.checkBudgets && over.length > 0) {
    progress(`Over budget: ${over.map((w) => w.path).join(", ")}`);
    process.exitCode = 1;
  }
}

/** Logs in through the real form (POST /login) and returns the session cookie (`name=value`). */
async function logIn(origin: string, role: BenchRole): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { ...browserHeaders, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ identifier: benchAccounts[role], password: DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  const body = await response.text();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((pair) => pair.startsWith("gieo_session="));
  if (response.status !== 302 || !session) {
    throw new Error(`Logging in as ${role} (${benchAccounts[role]}) failed: ${response.status} ${body.slice(0, 300)}`);
  }
  return session;
}

function loadTable(base: LoadResult, results: RouteResult[]): string {
  const row = (path: string, role: string, r: LoadResult, p50Ratio: string, rpsRatio: string) => [
    path,
    role,
    r.requestsPerSecond.toFixed(0),
    ms(r.latency.p50),
    ms(r.latency.p90),
    ms(r.latency.p99),
    String(r.non2xx) + (r.errors ? ` (+${r.errors} errors)` : ""),
    p50Ratio,
    rpsRatio,
  ];
  return table(
    ["route", "role", "req/s", "p50 ms", "p90 ms", "p99 ms", "non-2xx", "p50 × base", "req/s × base"],
    [
      row(`${baseline.path} (baseline)`, baseline.role ?? "—", base, "1.00", "1.00"),
      ...results.map((r) => row(r.path, r.role ?? "—", r.load, r.p50VsBaseline.toFixed(2), r.rpsVsBaseline.toFixed(2))),
    ],
    [false, false, true, true, true, true, true, true, true],
  );
}

function weightTable(weights: WeightResult[]): string {
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  return table(
    ["route", "role", "HTML kB", "CSS kB", "JS kB", "total kB", "budget kB"],
    weights.map((w) => [
      w.path,
      w.role ?? "—",
      kb(w.weight.html),
      kb(w.weight.css),
      kb(w.weight.js),
      kb(w.weight.total),
      w.budgetKb === undefined ? "—" : `${w.budgetKb} ${w.overBudget ? "OVER" : "ok"}`,
    ]),
    [false, false, true, true, true, true, true],
  );
}

/** A Markdown table, padded so that it also reads well in a terminal. */
function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${"-".repeat(w + 1)}:` : `${"-".repeat(w + 2)}`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function gitCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return undefined;
  }
}

// The server runs in its own process group, so Ctrl-C reaches only us: stop it ourselves.
process.once("SIGINT", () => {
  progress("\nInterrupted; stopping the server…");
  stopLoad();
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});
process.once("SIGTERM", () => {
  stopLoad();
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(143));
});
// Whatever else happens, never leave the server running.
process.on("exit", () => server?.stopNow());

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
    if (server) console.error(`\nLast lines of the server log (${server.logFile}):\n${logTail(server.logFile)}`);
  }
  process.exitCode = 1;
} finally {
  await server?.stop();
  server = undefined;
}

/** The server's resident memory after ten quiet seconds (VmRSS from /proc), or null off Linux. */
async function idleResidentMb(pid: number): Promise<number | null> {
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}
