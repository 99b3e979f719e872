import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm test` fails while a production dependency in package-lock.json sits in the affected range
// of a known advisory of moderate severity or worse. The list is kept by hand in
// .ci/advisories.json because no audit endpoint is reachable from here (DECISIONS.md,
// "Dependency advisories without npm audit"); `npm audit --omit=dev` says the same where one is.

interface Advisory {
  id: string;
  package: string;
  severity: "low" | "moderate" | "high" | "critical";
  introduced: string;
  fixed: string;
  summary: string;
}

interface Lockfile {
  packages: Record<string, { version?: string; dev?: boolean }>;
}

const BLOCKING = new Set(["moderate", "high", "critical"]);

/** Compares release versions (x.y.z; a pre-release counts as its release, erring towards "affected"). */
function compare(a: string, b: string): number {
  const parts = (v: string) => v.split("-")[0].split(".").map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Every copy of a production package that a blocking advisory names, with that advisory. */
function findVulnerable(lock: Lockfile, advisories: Advisory[]): string[] {
  const found: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where || entry.dev || !entry.version) continue;
    const name = where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length);
    for (const advisory of advisories) {
      if (advisory.package !== name || !BLOCKING.has(advisory.severity)) continue;
      if (compare(entry.version, advisory.introduced) >= 0 && compare(entry.version, advisory.fixed) < 0) {
        found.push(`${name}@${entry.version} (${where}): ${advisory.id}, ${advisory.severity}: ${advisory.summary}; fixed in ${advisory.fixed}`);
      }
    }
  }
  return found;
}

const root = path.resolve(import.meta.dirname, "../..");
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as Lockfile;
const { advisories } = JSON.parse(fs.readFileSync(path.join(root, ".ci/advisories.json"), "utf8")) as { advisories: Advisory[] };

describe("dependency advisories", () => {
  it("no production dependency is in the range of a known advisory of moderate severity or worse", () => {
    expect(findVulnerable(lock, advisories)).toEqual([]);
  });

  it("would catch the file-type the server ran before issue 18, and ignores development tools", () => {
    const before: Lockfile = {
      packages: {
        "": { version: "0.1.0" },
        "node_modules/file-type": { version: "19.6.0" },
        "node_modules/some-tool/node_modules/drizzle-orm": { version: "0.44.7", dev: true },
      },
    };
    expect(findVulnerable(before, advisories)).toEqual([
      expect.stringContaining("file-type@19.6.0 (node_modules/file-type): CVE-2026-31808"),
      expect.stringContaining("file-type@19.6.0 (node_modules/file-type): file-type 21.3.4"),
    ]);
  });

  it("names every package it lists as it is spelled in the lockfile's production tree", () => {
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([where, entry]) => where && !entry.dev)
        .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length)),
    );
    // A misspelt name would silently never match.
    expect(advisories.map((a) => a.package).filter((name) => !production.has(name))).toEqual([]);
  });
});
