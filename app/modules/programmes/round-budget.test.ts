import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, decisions, rounds } from "../../../db/schema";
import { constraintViolated } from "../../kernel/command.server";
import { currentDatabase, db } from "../../infra/db.server";
import { logInOver, makeUser, postForm, rejection, startServer, type TestServer } from "../../testing/fixtures";
import { makeDecision, makeRoundWithApplications } from "../../testing/factories";
import { criteriaOf, findRound, roundFormValues } from "./rounds.server";

// "Awards never exceed the round's budget" from the rounds' side (issue 18, item 3): the budget
// cannot be saved below the awards already approved, by the form, by a stray UPDATE, or by a save
// racing approvals. On PostgreSQL the race really runs side by side on a pool of connections; on
// PGlite the writers queue and the same invariant is checked.

const AWARD = 10_000_000n;

let server: TestServer;
let cookie: string;
let adminId: string;

beforeAll(async () => {
  server = await startServer();
  const admin = await makeUser(["admin"]);
  adminId = admin.id;
  cookie = await logInOver(server, admin.email);
});
afterAll(() => server.close());

const roundWith = (budget: bigint, count: number) => makeRoundWithApplications({ budget, award: AWARD, count });

async function approve(roundId: string, applicationId: string) {
  await makeDecision({ applicationId, roundId, outcome: "approved", awardedAmount: AWARD, decidedBy: adminId });
}

/** The round's edit form as the page fills it, flattened to the names it posts, with a new budget. */
async function roundPost(roundId: string, budget: string): Promise<Record<string, string | string[]>> {
  const round = (await findRound(roundId))!;
  const values = roundFormValues(round, await criteriaOf(roundId));
  const fields: Record<string, string | string[]> = { intent: "save" };
  for (const [key, value] of Object.entries({ ...values, budget })) {
    if (!Array.isArray(value)) fields[key] = value;
    else if (value.every((v) => typeof v === "string")) fields[key] = value as string[];
    else (value as unknown as Record<string, string>[]).forEach((row, i) => Object.entries(row).forEach(([k, v]) => (fields[`${key}.${i}.${k}`] = v)));
  }
  return fields;
}

async function state(roundId: string) {
  const [round] = await db.select({ budget: rounds.budget }).from(rounds).where(eq(rounds.id, roundId));
  const [awarded] = await db
    .select({ sum: sql<string>`coalesce(sum(${decisions.awardedAmount}), 0)::text` })
    .from(decisions)
    .where(and(eq(decisions.roundId, roundId), eq(decisions.outcome, "approved")));
  return { budget: round.budget, awarded: BigInt(awarded.sum) };
}

describe(`a round's budget against its approved awards (${currentDatabase().driver})`, () => {
  it("the round form refuses a budget one đồng below the awards, with a field message, and writes nothing", async () => {
    const { roundId, ids } = await roundWith(100_000_000n, 3);
    for (const id of ids) await approve(roundId, id);
    const audits = async () => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, roundId)))[0].n;
    const auditsBefore = await audits();

    const below = await postForm(`${server.url}/admin/rounds/${roundId}`, await roundPost(roundId, "29.999.999"), { cookie });
    expect(below.status).toBe(400);
    expect(await below.text()).toContain("Ngân sách của vòng không được nhỏ hơn số tiền đã duyệt cấp cho các hồ sơ của vòng.");
    expect((await state(roundId)).budget).toBe(100_000_000n);
    expect(await audits()).toBe(auditsBefore);

    const exact = await postForm(`${server.url}/admin/rounds/${roundId}`, await roundPost(roundId, "30.000.000"), { cookie });
    expect(exact.status).toBe(302);
    expect(await state(roundId)).toEqual({ budget: 30_000_000n, awarded: 30_000_000n });
  });

  it("any other writer of the budget is refused by the database itself", async () => {
    const { roundId, ids } = await roundWith(50_000_000n, 2);
    for (const id of ids) await approve(roundId, id);
    const error = await rejection(db.update(rounds).set({ budget: 19_999_999n }).where(eq(rounds.id, roundId)));
    expect(error).toContain("below its approved awards");
    const refused = await db.update(rounds).set({ budget: 15_000_000n }).where(eq(rounds.id, roundId)).then(() => null, (e: unknown) => e);
    expect(constraintViolated(refused)).toBe("rounds_budget_covers_awards");
    expect((await state(roundId)).budget).toBe(50_000_000n);
    // Raising it, or lowering it to exactly the awards, is fine.
    await db.update(rounds).set({ budget: 20_000_000n }).where(eq(rounds.id, roundId));
    expect((await state(roundId)).budget).toBe(20_000_000n);
  });

  it("budget cuts racing approvals through the app: the awards always fit, every refusal is a clean 400", async () => {
    const { roundId, ids } = await roundWith(100_000_000n, 10);
    const cuts = ["40.000.000", "50.000.000", "60.000.000", "70.000.000", "45.000.000"];
    // The form's fields are read before the race, as an admin's open page would have them.
    const cutPosts = await Promise.all(cuts.map((b) => roundPost(roundId, b)));
    const requests = [
      ...ids.map((id) =>
        postForm(
          `${server.url}/admin/rounds/${roundId}/decisions/${id}`,
          { outcome: "approved", awardedAmount: AWARD.toString(), reasonVi: "Kế hoạch tốt." },
          { cookie },
        ),
      ),
      ...cutPosts.map((fields) => postForm(`${server.url}/admin/rounds/${roundId}`, fields, { cookie })),
    ];
    const responses = await Promise.all(requests.map(async (r) => ({ status: (await r).status, body: await (await r).text() })));
    for (const r of responses) expect([200, 302, 400], r.body.slice(0, 300)).toContain(r.status);
    const { budget, awarded } = await state(roundId);
    expect(awarded).toBeLessThanOrEqual(budget);
    const approvedCount = responses.slice(0, ids.length).filter((r) => r.status === 200).length;
    expect(awarded).toBe(AWARD * BigInt(approvedCount));
  }, 60_000);

  it("raw writers of both sides at once never deadlock and never overrun", async () => {
    const { roundId, ids } = await roundWith(100_000_000n, 12);
    const writers = [
      ...ids.map((id) => db.transaction((tx) => tx.insert(decisions).values({ applicationId: id, roundId, outcome: "approved", awardedAmount: AWARD, reasonVi: "x", decidedBy: adminId }))),
      ...[30n, 50n, 70n, 90n].map((m) =>
        db.transaction((tx) => tx.update(rounds).set({ budget: m * 1_000_000n }).where(eq(rounds.id, roundId))),
      ),
    ];
    const results = await Promise.allSettled(writers);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(["decisions_within_round_budget", "rounds_budget_covers_awards"], String(r.reason)).toContain(constraintViolated(r.reason));
      }
    }
    const { budget, awarded } = await state(roundId);
    expect(awarded).toBeLessThanOrEqual(budget);
  }, 60_000);
});
