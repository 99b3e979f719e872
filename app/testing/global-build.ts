import type { TestProject } from "vitest/node";
import { ensureBuild } from "./build";

/** The HTTP project only: the production build its files serve (made when its inputs change). */
export default async function setup(project: TestProject) {
  project.provide("buildDir", await ensureBuild());
}
