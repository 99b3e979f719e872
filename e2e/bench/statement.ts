import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchAccounts, DEMO_PASSWORD } from "./routes";
import { buildApp, freePort, freshPostgresDatabase, resetFolder, seedScale, startServer, type RunningServer } from "./server";

// `npm run bench:statement`: importing and matching a bank statement of 10,000 lines (issue 14,
// item 4; DECISIONS 51) on the production server, with its memory read from /proc meanwhile.
//
//  1. builds the app, makes a fresh database (PGlite, or `gieo_bench_statement` on the
//     DATABASE_URL server) and seeds it with db/scale.ts (--grants scale grants, 24,000 by default);
//  2. e2e/bench/statement-seed.ts turns up to --lines paid bank transfers back into approved ones
//     and writes a Vietcombank CSV with one debit line per transfer (bank fees fill the rest);
//  3. starts the production server (the serve script's 256 MB heap limit), logs in as the demo
//     finance user and uploads the statement through the real form, timing the answer (import,
//     parse, match, store) and sampling the server's resident memory every 50 ms; then opens the
//     statement's page once.
// Targets: import + match under 10 s, server under 300 MB RSS.

const { values } = parseArgs({
  options: {
    lines: { type: "string", default: "10000" },
    grants: { type: "string", default: "24000" },
    "pg-database": { type: "string", default: "gieo_bench_statement" },
    "no-build": { type: "boolean", default: false },
  },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outputDir = path.join(root, "e2e/.output/bench-statement");
const progress = (message: string) => process.stderr.write(`${message}\n`);
let server: RunningServer | undefined;

function memoryMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Number(/(\d+) kB/.exec(line)?.[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function seedStatement(dataDir: string, databaseUrl: string | undefined, out: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIEO_DATA_DIR: dataDir, NODE_ENV: databaseUrl ? "development" : "production" };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "e2e/bench/statement-seed.ts", "--lines", values.lines, "--out", out], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`statement-seed.ts failed (exit ${code})`))));
  });
}

async function main() {
  if (!values["no-build"]) {
    progress("building…");
    await buildApp(root);
  }
  resetFolder(outputDir);
  const dataDir = path.join(outputDir, "data");
  fs.mkdirSync(dataDir, { recursive: true });
  // With DATABASE_URL (a server on this machine), a fresh database on it; else PGlite in dataDir.
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, values["pg-database"]) : undefined;
  progress(`seeding ${values.grants} scale grants${databaseUrl ? " (PostgreSQL)" : " (PGlite)"}…`);
  await seedScale({ root, dataDir, databaseUrl, count: 50, grants: Number(values.grants), out: path.join(outputDir, "scale.json") });
  const statement = path.join(outputDir, "statement.csv");
  progress(`writing a statement of ${values.lines} lines…`);
  await seedStatement(dataDir, databaseUrl, statement);
  const bytes = fs.readFileSync(statement);

  server = await startServer({ root, port: await freePort(), dataDir, databaseUrl, logFile: path.join(outputDir, "server.log") });
  const login = await fetch(`${server.origin}/login`, {
    method: "POST",
    body: new URLSearchParams({ identifier: benchAccounts.finance, password: DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (login.status !== 302) throw new Error(`logging in as finance failed: ${login.status}`);
  // Settle: the first page loads the route modules.
  await (await fetch(`${server.origin}/finance/statements`, { headers: { Cookie: cookie } })).arrayBuffer();

  const before = memoryMb(server.pid);
  let peak = before ?? 0;
  const sampler = setInterval(() => {
    const now = memoryMb(server?.pid);
    if (now && now > peak) peak = now;
  }, 50);
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "text/csv" }), "vietcombank-03-2026.csv");
  const started = performance.now();
  const answer = await fetch(`${server.origin}/finance/statements`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, Origin: server.origin } });
  const importMs = performance.now() - started;
  await answer.arrayBuffer();
  const location = answer.headers.get("Location");
  if (answer.status !== 302 || !location) throw new Error(`the upload was refused: ${answer.status}`);
  const pageStarted = performance.now();
  const page = await fetch(`${server.origin}${location}`, { headers: { Cookie: cookie } });
  const html = await page.text();
  const pageMs = performance.now() - pageStarted;
  clearInterval(sampler);

  const counts = /Chờ xác nhận: (\d+)\. Đã ghi nhận đã chi: (\d+)\. Không đối chiếu được: (\d+)\./.exec(html.replace(/<!-- -->/g, ""));
  const figures = {
    database: databaseUrl ? "postgresql" : "pglite",
    lines: Number(values.lines),
    fileKb: Math.round(bytes.byteLength / 1024),
    proposed: counts ? Number(counts[1]) : null,
    unmatched: counts ? Number(counts[3]) : null,
    importAndMatchMs: Math.round(importMs),
    statementPageMs: Math.round(pageMs),
    rssBeforeMb: before === null ? null : Math.round(before),
    peakRssMb: before === null ? null : Math.round(peak),
  };
  console.log(JSON.stringify(figures, null, 2));
  // PGlite runs inside the server's process: its whole database is in the server's memory before
  // the upload, so there the target is judged on what the import adds.
  const judged = before === null ? null : databaseUrl ? peak : peak - before;
  const ok = importMs < 10_000 && (judged === null || judged < 300);
  const memoryTarget = databaseUrl ? "server < 300 MB RSS" : "the import adds < 300 MB RSS (PGlite: the database is in the server)";
  console.log(ok ? `within targets (import + match < 10 s, ${memoryTarget})` : `OVER TARGET (import + match < 10 s, ${memoryTarget})`);
  if (!ok) process.exitCode = 1;
}

process.once("SIGINT", () => void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
process.on("exit", () => server?.stopNow());
try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server?.stop();
}
