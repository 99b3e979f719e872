import { defineConfig } from "vitest/config";

// The remix() Vite plugin is left out on purpose: Vitest runs modules directly.
export default defineConfig({
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "emails/**/*.test.{ts,tsx}"],
    globalSetup: ["app/testing/global-setup.ts"],
    setupFiles: ["app/testing/setup-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123" },
  },
});
