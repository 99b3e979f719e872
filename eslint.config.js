import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", ".cache/", "node_modules/", "e2e/.output/", "playwright-report/", "test-results/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Route modules may import only what Remix runs on the server from *.server.ts modules.
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/db/client", "**/db/schema*"], message: "Routes reach the database through app/modules." }] }],
    },
  },
  {
    // Only routes are held to the one-way data flow; modules, infra, seeds and tests use db/.
    files: ["app/modules/**", "app/kernel/**", "app/infra/**", "app/testing/**", "db/**", "**/*.test.ts", "e2e/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
