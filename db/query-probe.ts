import { createHash } from "node:crypto";
import type { Logger } from "drizzle-orm/logger";

// Which statements a request runs, for the test that holds "no query runs twice per request"
// (issue 17). Off unless a test turns it on: then every statement's text (never its parameters,
// which may be personal data, only their digest) is appended to a list shared through globalThis, because the built
// server and the test each load their own copy of this module.

const KEY = Symbol.for("gieo.queryProbe");
type Holder = { [KEY]?: string[] };

export const queryProbe: Logger = {
  logQuery(query, params) {
    const seen = (globalThis as Holder)[KEY];
    // The parameters only as a digest: the same statement with the same values is a repeat.
    if (seen) seen.push(`${query} -- ${createHash("sha256").update(JSON.stringify(params, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).digest("hex").slice(0, 12)}`);
  },
};

/** Starts recording statements; the returned function stops and gives what ran meanwhile. */
export function watchQueries(): () => string[] {
  const seen: string[] = [];
  (globalThis as Holder)[KEY] = seen;
  return () => {
    delete (globalThis as Holder)[KEY];
    return seen;
  };
}
