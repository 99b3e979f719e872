import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, disbursements, grants, notifications, rounds } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { constraintViolated } from "../../kernel/command.server";
import { get, postForm, person, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { makeActor, makeDisbursement, makeDueGrant, makeGrant } from "../../testing/factories";
import { stopMoneyOfGrant } from "../disbursements/grant-stop.server";
import { approveDisbursement, prepareDisbursement } from "../disbursements/disbursements.server";
import { cancelGrant } from "./admin-commands.server";
import { loadGrant } from "./grant-reads.server";
import { resumeGrant, suspendGrant, terminateGrant } from "./stop-commands.server";

// Issue 14, item 2: suspending stops new money (the database refuses it) until resumed;
// terminating cancels what was not paid and gives it back to the round; cancelling a grant that
// awaits acceptance gives all of it back. Each with a reason the group reads.

let admin: Actor;
let preparer: Actor;
let approver: Actor;
let owner: Actor;

beforeAll(async () => {
  [admin, preparer, approver, owner] = await Promise.all([makeActor(["admin"]), makeActor(["finance"]), makeActor(["finance"]), makeActor(["applicant"])]);
});

const AGRIBANK = "970405";
const grantOf = async (grantId: string) => (await loadGrant(grantId))!;
const row = async (grantId: string) => (await db.select().from(grants).where(eq(grants.id, grantId)))[0];
const committed = async (roundId: string) =>
  BigInt((await db.select({ sum: sql<string>`gieo_round_committed(${rounds.id})::text` }).from(rounds).where(eq(rounds.id, roundId)))[0].sum);

/** What a refused command must not have written. */
async function written() {
  const [a] = await db.select({ n: count() }).from(auditLog);
  const [n] = await db.select({ n: count() }).from(notifications);
  const [d] = await db.select({ n: count() }).from(disbursements);
  return { audit: a.n, notifications: n.n, disbursements: d.n };
}

/** The name of the database rule `work` broke, or null when it went through. */
async function brokenRule(work: () => Promise<unknown>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (error) {
    return constraintViolated(error) ?? String(error);
  }
}

describe(`suspend, resume, terminate, cancel (${currentDatabase().driver})`, () => {
  it("suspending stops new disbursements, in the code and in the database, until resumed; the group reads why", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n, ownerId: owner.user.id });
    const pending = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 1_000_000n, method: "bank_transfer", bankBin: AGRIBANK }, preparer);
    expect(pending.ok).toBe(true);
    const reason = "Chờ nhóm giải trình khoản chi đợt 1.";

    expect(await suspendGrant(await grantOf(grantId), { reason }, admin)).toEqual({ ok: true, notice: "grants.suspend.done" });
    expect(await row(grantId)).toMatchObject({ status: "suspended", statusReason: reason });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, grantId), eq(auditLog.action, "grant.suspended")));
    expect(audit).toMatchObject({ actorId: admin.user.id, data: { from: "active", to: "suspended", reason } });
    const told = await db.select().from(notifications).where(eq(notifications.userId, owner.user.id));
    expect(told.find((n) => n.messageKey === "grants.notice.suspended")?.params).toMatchObject({ reason });
    const financeTold = await db.select().from(notifications).where(and(eq(notifications.userId, preparer.user.id), eq(notifications.messageKey, "grants.notice.financeSuspended")));
    expect(financeTold).toHaveLength(1);

    // The code answers clearly…
    let before = await written();
    const prepared = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 1_000_000n, method: "bank_transfer", bankBin: AGRIBANK }, preparer);
    expect(prepared).toEqual({ ok: false, status: 409, errors: { "": "finance.errors.grantStopped" } });
    expect(await approveDisbursement((pending as { id: string }).id, approver)).toEqual({ ok: false, status: 409, errors: { "": "finance.errors.grantStopped" } });
    expect(await suspendGrant(await grantOf(grantId), { reason }, admin)).toEqual({ ok: false, status: 409, errors: { "": "grants.errors.stopOnlyActive" } });
    expect(await written()).toEqual(before);
    // …and the database refuses whoever writes around it: a new row, an approval.
    expect(await brokenRule(() => makeDisbursement({ grantId, trancheId: trancheIds[0], amount: 1n, preparedBy: preparer.user.id }))).toBe("disbursements_need_payable_grant");
    expect(
      await brokenRule(() =>
        db.update(disbursements).set({ status: "approved", approvedBy: approver.user.id }).where(eq(disbursements.id, (pending as { id: string }).id)),
      ),
    ).toBe("disbursements_need_payable_grant");

    expect(await resumeGrant(await grantOf(grantId), { reason: "Nhóm đã giải trình." }, admin)).toEqual({ ok: true, notice: "grants.resume.done" });
    expect(await row(grantId)).toMatchObject({ status: "active", statusReason: null });
    expect(await approveDisbursement((pending as { id: string }).id, approver)).toMatchObject({ ok: true, status: "approved" });
    before = await written();
    expect(await resumeGrant(await grantOf(grantId), { reason: "x" }, admin)).toEqual({ ok: false, status: 409, errors: { "": "grants.errors.resumeOnlySuspended" } });
    expect(await written()).toEqual(before);
  });

  it("terminating cancels pending disbursements and unpaid tranches and gives the unpaid award back to the round", async () => {
    const { grantId, roundId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: owner.user.id, due: "all" });
    // Tranche 1 (30 000 000) paid, 10 000 000 of tranche 2 prepared.
    await makeDisbursement({ grantId, trancheId: trancheIds[0], amount: 30_000_000n, preparedBy: preparer.user.id, approvedBy: approver.user.id, status: "paid" });
    const pending = await makeDisbursement({ grantId, trancheId: trancheIds[1], amount: 10_000_000n, preparedBy: preparer.user.id });
    const roundBefore = await committed(roundId);
    const reason = "Nhóm giải tán.";

    expect(await terminateGrant(await grantOf(grantId), { reason }, admin, stopMoneyOfGrant)).toEqual({ ok: true, notice: "grants.terminate.done" });
    expect(await row(grantId)).toMatchObject({ status: "terminated", statusReason: reason, releasedAmount: 20_000_000n });
    expect(await committed(roundId)).toBe(roundBefore - 20_000_000n);
    const [cancelled] = await db.select().from(disbursements).where(eq(disbursements.id, pending.id));
    expect(cancelled.status).toBe("cancelled");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, pending.id), eq(auditLog.action, "disbursement.cancelled")));
    expect(audit).toMatchObject({ actorId: admin.user.id, data: { reason, grantTerminated: true } });
    const grant = await grantOf(grantId);
    expect(grant.status).toBe("terminated");

    // Nothing more may leave, and nothing beyond what was paid may come alive again.
    expect(await brokenRule(() => makeDisbursement({ grantId, trancheId: trancheIds[1], amount: 1n, preparedBy: preparer.user.id }))).toBe("disbursements_need_payable_grant");
    expect(await brokenRule(() => db.update(disbursements).set({ status: "prepared" }).where(eq(disbursements.id, pending.id)))).toBe("disbursements_within_award");
    // Terminated is for good.
    const before = await written();
    expect(await resumeGrant(grant, { reason: "x" }, admin)).toMatchObject({ ok: false, status: 409 });
    expect(await terminateGrant(grant, { reason: "x" }, admin, stopMoneyOfGrant)).toEqual({ ok: false, status: 409, errors: { "": "grants.errors.terminateOnlyRunning" } });
    expect(await written()).toEqual(before);
  });

  it("a termination waits while a Stripe payment is processing: refused, nothing written", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n });
    await makeDisbursement({ grantId, trancheId: trancheIds[0], amount: 1_000_000n, preparedBy: preparer.user.id, approvedBy: approver.user.id, status: "processing", method: "stripe" });
    await makeDisbursement({ grantId, trancheId: trancheIds[0], amount: 1_000_000n, preparedBy: preparer.user.id });
    const before = await written();
    expect(await terminateGrant(await grantOf(grantId), { reason: "Dừng" }, admin, stopMoneyOfGrant)).toEqual({ ok: false, status: 409, errors: { "": "grants.terminate.processing" } });
    expect(await written()).toEqual(before);
    expect((await row(grantId)).status).toBe("active");
  });

  it("cancelling a grant awaiting acceptance gives its whole award back to the round's budget", async () => {
    const { grantId, roundId } = await makeGrant({ award: 40_000_000n });
    // The round's budget holds exactly this award: it cannot be lowered while the grant commits it.
    expect(await committed(roundId)).toBe(40_000_000n);
    await db.update(rounds).set({ budget: 40_000_000n, maxGrant: 10_000_000n }).where(eq(rounds.id, roundId));
    const lowerBudget = () => db.update(rounds).set({ budget: 30_000_000n }).where(eq(rounds.id, roundId));
    expect(await brokenRule(lowerBudget)).toBe("rounds_budget_covers_awards");
    // Nor may the grant's award grow past the budget.
    expect(await brokenRule(() => db.update(grants).set({ awardedAmount: 40_000_001n }).where(eq(grants.id, grantId)))).toBe("grants_within_round_budget");

    expect(await cancelGrant(await grantOf(grantId), { reason: "Nhóm xin rút." }, admin)).toEqual({ ok: true, notice: "grants.cancel.done" });
    expect(await row(grantId)).toMatchObject({ status: "cancelled", releasedAmount: 40_000_000n });
    expect(await committed(roundId)).toBe(0n);
    expect(await brokenRule(lowerBudget)).toBeNull();
  });
});

describe("on the agreement page", () => {
  let server: TestServer;
  let leader: Person;
  let staff: Person;
  let finance: Person;
  beforeAll(async () => {
    server = await startServer();
    [leader, staff, finance] = await Promise.all([person(server, ["applicant"], "Giàng Thị Mai"), person(server, ["admin"]), person(server, ["finance"])]);
  });
  afterAll(() => server.close());

  it("an admin suspends with a reason the group reads, then terminates; others are refused; a blank reason writes nothing", async () => {
    const { grantId } = await makeDueGrant({ award: 20_000_000n, ownerId: leader.id });
    const page = `${server.url}/grants/${grantId}`;
    const adminView = await (await get(page, staff.cookie)).text();
    expect(adminView).toContain('value="suspend"');
    expect(adminView).toContain('value="terminate"');
    expect(adminView).not.toContain('value="resume"');

    for (const who of [leader, finance]) expect((await postForm(page, { intent: "suspend", reason: "x" }, { cookie: who.cookie })).status).toBe(403);
    const before = await written();
    const blank = await postForm(page, { intent: "suspend", reason: "  " }, { cookie: staff.cookie });
    expect(blank.status).toBe(400);
    expect(await written()).toEqual(before);

    expect((await postForm(page, { intent: "suspend", reason: "Chờ giải trình đợt 1" }, { cookie: staff.cookie })).status).toBe(200);
    const groupView = (await (await get(page, leader.cookie)).text()).replace(/\u00a0/g, " ");
    expect(groupView).toContain("Chương trình đã tạm dừng chi tiền cho khoản tài trợ này. Lý do: Chờ giải trình đợt 1");
    expect(groupView).not.toContain('value="resume"');
    const suspendedView = await (await get(page, staff.cookie)).text();
    expect(suspendedView).toContain('value="resume"');

    expect((await postForm(page, { intent: "terminate", reason: "Nhóm giải tán" }, { cookie: staff.cookie })).status).toBe(200);
    const ended = (await (await get(page, leader.cookie)).text()).replace(/\u00a0/g, " ");
    expect(ended).toContain("Khoản tài trợ đã chấm dứt; các đợt chưa chi đã bị hủy. Lý do: Nhóm giải tán");
    expect(ended).toContain("20.000.000 ₫");
    const again = await postForm(page, { intent: "terminate", reason: "Lần nữa" }, { cookie: staff.cookie });
    expect(again.status).toBe(409);
  });
});
