import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./cache";

/** Where Vitest looks for tests, relative to the root. */
export const TEST_FILES = ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "emails/**/*.test.{ts,tsx}"];

// A file that starts the built server (startServer in ./fixtures) or reads the build itself.
const SERVES_THE_BUILD = /\bstartServer\s*\(|\binject\(\s*["']buildDir["']\s*\)/;

/**
 * The test files that need the production build: those that start the built server or read the
 * build. Told by their text, so a new HTTP test joins the HTTP project with no list to keep.
 */
export function httpTestFiles(): string[] {
  const found: string[] = [];
  for (const top of ["app", "db", "emails"]) {
    const folder = path.join(ROOT, top);
    if (!fs.existsSync(folder)) continue;
    for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.test\.tsx?$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
      if (SERVES_THE_BUILD.test(fs.readFileSync(file, "utf8"))) found.push(path.relative(ROOT, file));
    }
  }
  return found.sort();
}
