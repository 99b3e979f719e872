import type { TestProject } from "vitest/node";
import { copyPrefix, dropCopies, ensureTemplate } from "./template";

/**
 * Once per run and project: the migrated template database (made only when the migrations have
 * changed since the last run, see ./template.ts). Every test file copies it.
 */
export default async function setup(project: TestProject) {
  project.provide("template", await ensureTemplate());
  // Copies are named after the run, so that the run drops its own at the end (those of a crashed
  // file too) and never another run's.
  const prefix = copyPrefix();
  project.provide("copyPrefix", prefix);
  return () => dropCopies(prefix);
}

declare module "vitest" {
  export interface ProvidedContext {
    template: string;
    copyPrefix: string;
    buildDir: string;
  }
}
