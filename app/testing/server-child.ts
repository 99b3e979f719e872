import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase } from "../infra/db.server";
import { createHttpApp } from "../infra/http.server";
import { startJobs } from "../jobs.server";

// One app server in a process of its own, as `app/server.ts` runs it (database, the built app,
// the periodic jobs), for the test of several servers on one database (infra/two-servers.test.ts).
// It serves the test run's build (GIEO_TEST_BUILD_DIR) and prints its port as one line of JSON.

const buildDir = process.env.GIEO_TEST_BUILD_DIR;
if (!buildDir || !process.env.DATABASE_URL) throw new Error("usage: DATABASE_URL=… GIEO_TEST_BUILD_DIR=… tsx server-child.ts");
const database = await openDatabase();
const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
const server = createHttpApp({ build, clientDir: path.join(buildDir, "client") }).listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
const stopJobs = startJobs();
process.once("SIGTERM", () => {
  stopJobs();
  server.close(() => void database.close().then(() => process.exit(0)));
});
