import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTemplate, TEMPLATE_ENV } from "./template";

// One build folder per run, so that two runs at once (two developers' terminals, CI and a
// watcher) never read each other's half-written build.
const TEST_BUILD_DIR = path.resolve(`.cache/test-build-${process.pid}`);

/**
 * Once per run: a migrated template database, and a production build of the app for the tests
 * that send real HTTP requests through the whole server.
 */
export default async function setup(project: TestProject) {
  const { template, drop } = await createTemplate();
  process.env[TEMPLATE_ENV] = template;
  project.provide("template", template);
  execSync("npx remix vite:build", {
    stdio: "pipe",
    env: { ...process.env, GIEO_BUILD_DIR: TEST_BUILD_DIR, NODE_ENV: "production" },
  });
  project.provide("buildDir", TEST_BUILD_DIR);
  return async () => {
    await drop();
    fs.rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    template: string;
    buildDir: string;
  }
}
