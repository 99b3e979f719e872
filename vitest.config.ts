import { configDefaults, defineConfig } from "vitest/config";
import { httpTestFiles, TEST_FILES } from "./app/testing/projects";

// Two projects (DECISIONS.md, "Tests in two speeds, cached by their inputs"):
// - fast: calls modules on a real migrated database; never waits for the build;
// - http: the files that start the built server (found by their text, app/testing/projects.ts),
//   the only ones that need the production build.
// Both copy one migrated template per file; the template and the build are cached in .cache/ by
// a hash of their inputs. The remix() Vite plugin is left out on purpose: Vitest runs modules
// directly.
const http = httpTestFiles();

export default defineConfig({
  test: {
    setupFiles: ["app/testing/setup-database.ts"],
    pool: "forks",
    // Vitest's default on two cores is one fork; each file is its own process with its own
    // database copy, so two at once are safe.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A test that starts a process (env.server.test.ts spawns the server through tsx, giving it
    // up to 60 s) needs more than 30 s when the two cores are shared with other runs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123" },
    projects: [
      {
        extends: true,
        test: { name: "fast", include: TEST_FILES, exclude: [...configDefaults.exclude, ...http], globalSetup: ["app/testing/global-setup.ts"] },
      },
      {
        extends: true,
        test: { name: "http", include: http, globalSetup: ["app/testing/global-setup.ts", "app/testing/global-build.ts"] },
      },
    ],
  },
});
