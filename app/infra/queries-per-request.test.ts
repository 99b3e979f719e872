import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchQueries } from "../../db/query-probe";
import { currentDatabase } from "./db.server";
import { get, person, startServer, type Person, type TestServer } from "../testing/fixtures";
import { makeDueGrant, makeRoundWithApplications } from "../testing/factories";

// Issue 17, "one of everything per request": the root loader and the page's loader used to read
// the session and the user each, and some pages read the same rows twice. Each page here is
// requested alone (nothing else runs in this process meanwhile) and every statement it ran is
// listed: none may run twice with the same values.

let server: TestServer;
let admin: Person;
let finance: Person;
let leader: Person;
let roundId: string;
let grantId: string;

beforeAll(async () => {
  server = await startServer();
  [admin, finance, leader] = await Promise.all([person(server, ["admin"]), person(server, ["finance"]), person(server, ["applicant"])]);
  ({ roundId } = await makeRoundWithApplications({ budget: 100_000_000n, award: 10_000_000n, count: 5 }));
  ({ grantId } = await makeDueGrant({ ownerId: leader.id }));
});

afterAll(() => server.close());

function repeats(statements: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([s, n]) => `${n}× ${s}`);
}

describe(`queries per request (${currentDatabase().driver})`, () => {
  const pages: [string, () => [string, Person | null]][] = [
    ["the log-in page", () => ["/login", null]],
    ["the users list", () => ["/admin/users", admin]],
    ["a round's applications", () => [`/admin/rounds/${roundId}/applications`, admin]],
    ["the finance queue", () => ["/finance", finance]],
    ["a grant's ledger", () => [`/finance/grants/${grantId}`, finance]],
    ["the leader's agreement", () => [`/grants/${grantId}`, leader]],
    ["the leader's home", () => ["/", leader]],
  ];
  for (const [name, page] of pages) {
    it(`${name} runs no statement twice`, async () => {
      const [path, who] = page();
      const stop = watchQueries();
      const response = await get(`${server.url}${path}`, who?.cookie);
      await response.text();
      const statements = stop();
      expect(response.status).toBe(200);
      if (who) expect(statements.length).toBeGreaterThan(1);
      expect(repeats(statements)).toEqual([]);
      // The user is read once, and never with her password hash.
      expect(statements.filter((s) => /from "sessions"/.test(s)).length).toBeLessThanOrEqual(1);
      expect(statements.filter((s) => /"password_hash"/.test(s))).toEqual([]);
    });
  }
});
