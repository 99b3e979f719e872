import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// What the test runs make once and reuse while their inputs stay the same: the migrated template
// database and the production build. Each is named by a hash of the files it is made from, so a
// change to any of them makes a new one and nothing stale is ever used. DECISIONS.md, "Tests in
// two speeds, cached by their inputs".

/** The repository's root (this file is app/testing/cache.ts). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Git-ignored; shared by the runs of one checkout. */
export const CACHE_DIR = path.join(ROOT, ".cache");

/** Tests, fixtures and test helpers: never part of what the build or the template is made from. */
export function isTestOnly(relative: string): boolean {
  const parts = relative.split(path.sep);
  const name = parts[parts.length - 1];
  return /\.test\.tsx?$/.test(name) || /\.fixtures\.tsx?$/.test(name) || parts.slice(0, -1).includes("testing");
}

/**
 * A short hash of the given files and folders (relative to the root; folders recursively, in a
 * stable order), of their names and contents, and of the extra strings (versions, settings).
 * A path that does not exist counts as empty.
 */
export function hashInputs(inputs: string[], options: { skip?: (relative: string) => boolean; extra?: string[] } = {}): string {
  const hash = createHash("sha256");
  const files: string[] = [];
  for (const input of inputs) {
    const absolute = path.join(ROOT, input);
    if (!fs.existsSync(absolute)) continue;
    if (fs.statSync(absolute).isDirectory()) {
      for (const entry of fs.readdirSync(absolute, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        files.push(path.relative(ROOT, path.join(entry.parentPath, entry.name)));
      }
    } else {
      files.push(input);
    }
  }
  for (const file of [...new Set(files)].sort()) {
    if (options.skip?.(file)) continue;
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update("\0");
  }
  for (const value of options.extra ?? []) hash.update(`${value}\0`);
  return hash.digest("hex").slice(0, 12);
}

/** The version of an installed package, for hashes that depend on it. */
export function installedVersion(name: string): string {
  const file = path.join(ROOT, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/**
 * Makes `final` (a file or folder in the cache) unless it is there already. `make` writes into a
 * temporary path of its own, which is then renamed to `final` in one step: a concurrent run either
 * sees nothing or the whole thing, never half of it. When two runs make it at once, the first
 * rename wins and the other's copy is thrown away.
 */
export async function cached(final: string, make: (temporary: string) => Promise<void>): Promise<"hit" | "made"> {
  if (fs.existsSync(final)) {
    touch(final);
    return "hit";
  }
  fs.mkdirSync(path.dirname(final), { recursive: true });
  const temporary = `${final}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
  try {
    await make(temporary);
    try {
      fs.renameSync(temporary, final);
    } catch (error) {
      // Another run got there first (a folder cannot replace a non-empty folder): use theirs.
      if (!fs.existsSync(final)) throw error;
    }
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
  return "made";
}

/** Marks a cache entry as used now, so that pruning keeps it. */
export function touch(file: string): void {
  const now = new Date();
  fs.utimesSync(file, now, now);
}

const HOUR = 60 * 60 * 1000;

/**
 * Removes the entries named `<prefix>…` other than `keep` that no run has used for an hour
 * (older builds and templates, and the temporary leftovers of a run that was killed). The hour
 * leaves alone whatever a run still going may be reading.
 */
export function prune(prefix: string, keep: string): void {
  if (!fs.existsSync(CACHE_DIR)) return;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    if (!name.startsWith(prefix) || file === keep) continue;
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > HOUR) fs.rmSync(file, { recursive: true, force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
