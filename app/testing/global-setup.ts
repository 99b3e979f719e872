import { execSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTemplate, TEMPLATE_ENV } from "./template";

export const TEST_BUILD_DIR = path.resolve(".cache/test-build");

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
  return drop;
}

declare module "vitest" {
  export interface ProvidedContext {
    template: string;
    buildDir: string;
  }
}
