import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, auditLog, decisions, notifications } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { isBudgetViolation } from "./decisions.server";
import { makeRoundWithApplications } from "../../testing/factories";

// Awards against the round's budget when admins approve at the same moment (SPEC.md: "held by the
// database even when two admins approve at the same moment"). On PostgreSQL (DATABASE_URL set)
// the requests really run side by side on a pool of connections; on PGlite, one connection in one
// process, they queue, and the same assertions check the outcome is still clean.

const BUDGET = 100_000_000n;
const AWARD = 10_000_000n;
const APPROVALS = 20;

let server: TestServer;
let cookies: string[];

beforeAll(async () => {
  server = await startServer();
  const admins = await Promise.all([makeUser(["admin"]), makeUser(["admin"])]);
  cookies = await Promise.all(admins.map((a) => logInOver(server, a.email)));
});
afterAll(() => server.close());

const roundWithApplications = () => makeRoundWithApplications({ budget: BUDGET, award: AWARD, count: APPROVALS });

async function approvedIn(roundId: string) {
  const [row] = await db
    .select({ n: count(), sum: sql<string>`coalesce(sum(${decisions.awardedAmount}), 0)::text` })
    .from(decisions)
    .where(and(eq(decisions.roundId, roundId), eq(decisions.outcome, "approved")));
  return { n: row.n, sum: BigInt(row.sum) };
}

describe(`awards against the round budget, ${APPROVALS} approvals at once (${currentDatabase().driver})`, () => {
  it("through the app: the accepted awards fit the budget, the others are refused cleanly with nothing written", async () => {
    const { roundId, ids } = await roundWithApplications();
    const responses = await Promise.all(
      ids.map((id, i) =>
        postForm(
          `${server.url}/admin/rounds/${roundId}/decisions/${id}`,
          { outcome: "approved", awardedAmount: AWARD.toString(), reasonVi: "Kế hoạch tốt." },
          { cookie: cookies[i % cookies.length] },
        ).then(async (r) => ({ id, status: r.status, body: (await r.text()).replace(/\u00a0/g, " ") })),
      ),
    );
    const accepted = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(accepted).toHaveLength(Number(BUDGET / AWARD));
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.body).toMatch(/Vượt ngân sách của vòng: (chỉ còn 0 ₫|một quyết định khác vừa được lưu)/);
    }
    const approved = await approvedIn(roundId);
    expect(approved.sum).toBeLessThanOrEqual(BUDGET);
    expect(approved.sum).toBe(AWARD * BigInt(accepted.length));

    const refusedIds = refused.map((r) => r.id);
    const statuses = await db.select({ s: applications.status }).from(applications).where(inArray(applications.id, refusedIds));
    expect(statuses.every((row) => row.s === "eligible")).toBe(true);
    expect((await db.select({ n: count() }).from(decisions).where(inArray(decisions.applicationId, refusedIds)))[0].n).toBe(0);
    expect((await db.select({ n: count() }).from(auditLog).where(inArray(auditLog.entityId, refusedIds)))[0].n).toBe(0);
    const links = refusedIds.map((id) => `/decisions/${id}`);
    expect((await db.select({ n: count() }).from(notifications).where(inArray(notifications.link, links)))[0].n).toBe(0);
  });

  it("around the app: writes that skip the module's lock are still held to the budget by the database", async () => {
    const { roundId, ids } = await roundWithApplications();
    const admin = await makeUser(["admin"]);
    const results = await Promise.allSettled(
      ids.map((applicationId) =>
        db.transaction(async (tx) => {
          await tx.insert(decisions).values({ applicationId, roundId, outcome: "approved", awardedAmount: AWARD, reasonVi: "x", decidedBy: admin.id });
        }),
      ),
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const failure of failures) {
      // The trigger's refusal; on PostgreSQL a writer may instead lose a deadlock on the round's
      // row (see isDeadlock). Either way its transaction rolled back whole.
      expect(isBudgetViolation(failure.reason) || isDeadlock(failure.reason), String(failure.reason)).toBe(true);
    }
    const approved = await approvedIn(roundId);
    expect(approved.sum).toBeLessThanOrEqual(BUDGET);
    expect(approved.n).toBe(results.length - failures.length);
    expect(failures.length).toBeGreaterThanOrEqual(APPROVALS - Number(BUDGET / AWARD));
    // Each deadlock costs PostgreSQL's deadlock_timeout (1 s) before one writer is aborted.
  }, 60_000);
});

/**
 * PostgreSQL's "deadlock detected": the foreign-key check of each insert takes a KEY SHARE lock on
 * the round's row before the budget trigger asks for FOR UPDATE on it, so two writers that did not
 * lock the round first can wait on each other; PostgreSQL aborts one of them.
 */
function isDeadlock(error: unknown): boolean {
  for (let current = error; current && typeof current === "object"; ) {
    const e = current as { code?: string; cause?: unknown };
    if (e.code === "40P01") return true;
    current = e.cause;
  }
  return false;
}
