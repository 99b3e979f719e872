import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { seedDisbursementsDemo } from "../db/demo-disbursements";
import { seedGrantsDemo } from "../db/demo-grants";
import { seedOutcomesDemo } from "../db/demo-outcomes";
import { seedReviewsDemo } from "../db/demo-reviews";
import { DEMO_PASSWORD, demoAccounts, seedDemo } from "../db/seed";
import { openDatabase } from "./infra/db.server";
import { checkEnvOrExit, getEnv } from "./infra/env.server";
import { createHttpApp } from "./infra/http.server";
import { logger } from "./infra/logger.server";
import { importLegacyFiles } from "./infra/storage.server";
import { startJobs } from "./jobs.server";
import { drain } from "./infra/shutdown.server";

// The one process that owns the embedded database: it migrates, seeds, serves and runs the
// periodic jobs, because PGlite's data folder must never be opened by two processes.

const env = checkEnvOrExit(getEnv);

/** Migrations, files from before they moved into the database, and the demo data when asked. */
async function prepareDatabase() {
  const database = await openDatabase();
  // Files from before they moved into the database (DECISIONS.md 35), so every server sees them.
  const movedFiles = await importLegacyFiles();
  if (movedFiles > 0) logger.info("files moved from the data folder into the database", { count: movedFiles });
  if (env.SEED_DEMO === "true") {
    const { seeded } = await seedDemo();
    if (seeded) logger.info("demo accounts seeded");
    if ((await seedGrantsDemo()).seeded) logger.info("demo programme, groups and applications seeded");
    if ((await seedReviewsDemo()).seeded) logger.info("demo reviews and decisions seeded");
    if ((await seedDisbursementsDemo()).seeded) logger.info("demo disbursements seeded");
    if ((await seedOutcomesDemo()).seeded) logger.info("demo outcome reports seeded");
  }
  return database;
}

// The embedded database's WebAssembly memory grows to what its heaviest work needed and never
// gives it back: migrating and seeding a new folder would leave the server holding some 500 MB
// for good. So a short-lived copy of this process prepares the folder and exits, and the server
// opens it after (DECISIONS.md 56). PGlite's folder takes one process at a time, one after the other.
if (process.env.GIEO_PREPARE_ONLY === "1") {
  const database = await prepareDatabase();
  await database.close();
  process.exit(0);
}
if (!env.DATABASE_URL) {
  const prepared = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, GIEO_PREPARE_ONLY: "1" },
    stdio: "inherit",
  });
  if (prepared.status !== 0) {
    logger.error("preparing the embedded database failed", { status: prepared.status, signal: prepared.signal });
    process.exit(1);
  }
}
const database = await prepareDatabase();

const production = env.NODE_ENV === "production";
const vite = production
  ? undefined
  : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
// GIEO_BUILD_DIR: another build folder (the tests start this file against their own build).
const buildDir = path.resolve(process.env.GIEO_BUILD_DIR ?? "build");
const build = production
  ? ((await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild)
  : undefined;

const app = createHttpApp({
  build,
  vite,
  clientDir: path.join(buildDir, "client"),
  trustProxy: process.env.TRUST_PROXY,
  appUrl: env.APP_URL,
});
const server = app.listen(env.PORT, () => {
  const lines = [
    `Gieo is serving on ${env.appUrl} (${database.driver === "pglite" ? `embedded database in ${path.resolve(env.GIEO_DATA_DIR)}` : "PostgreSQL"})`,
  ];
  if (env.SEED_DEMO === "true") {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of demoAccounts) lines.push(`  ${account.roles.join(", ").padEnd(12)} ${account.email}`);
  }
  console.log(lines.join("\n"));
});

const stopJobs = startJobs();

// Shorter than the 30 seconds most process managers (systemd, Docker, Kubernetes) wait before
// killing: a slow request gets this long, and the database still closes cleanly.
const SHUTDOWN_GRACE_MS = 20_000;

async function shutdown(signal: string) {
  logger.info("shutting down", { signal });
  stopJobs();
  // Requests already being answered finish (their writes, their responses) before the database
  // closes under them; a client that holds on longer than the grace period is cut off.
  const drained = await drain(server, SHUTDOWN_GRACE_MS);
  if (!drained) logger.warn("shutdown: requests still open after the grace period were cut off");
  await vite?.close();
  await database.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
