import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, grantChangeRequests, grants, grantVersions, notifications, outcomeReports, rounds, tranches } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { constraintViolated } from "../../kernel/command.server";
import { makeActor, makeDisbursement, makeDueGrant, makeGrant } from "../../testing/factories";
import { loadGrant } from "../grants/grant-reads.server";
import { proposalOf, proposeAmendmentSchema, type ProposeAmendmentInput } from "./amendments.schema";
import { acceptAmendment, approveAmendment, askForChange, declineAmendment, declineChangeRequest, proposeAmendment, withdrawAmendment } from "./commands.server";
import { changeRequestsOf, versionInForce, versionsOf } from "./read.server";

// Issue 14, item 1: an admin proposes a new version of an accepted grant, a second admin approves
// it, the group accepts it, and only then do the award, tranches and report dates change. Bad
// amendments are refused with words and write nothing; the database keeps the money rules.

let proposer: Actor;
let approver: Actor;
let finance: Actor;
let owner: Actor;

beforeAll(async () => {
  [proposer, approver, finance, owner] = await Promise.all([makeActor(["admin"]), makeActor(["admin"]), makeActor(["finance"]), makeActor(["applicant"])]);
});

const grantOf = async (grantId: string) => (await loadGrant(grantId))!;
const plan = async (grantId: string) =>
  (await db.select({ id: tranches.id, amount: tranches.amount, waitsFor: tranches.waitsFor, position: tranches.position }).from(tranches).where(eq(tranches.grantId, grantId)).orderBy(asc(tranches.position)));

/** A proposal as the form posts it, read through the form's own schema. */
function proposal(fields: { reason?: string; award: string; tranches: [string, string, string][]; reports?: [string, string][]; changeRequestId?: string }): ProposeAmendmentInput {
  const parsed = proposeAmendmentSchema.safeParse({
    reason: fields.reason ?? "Nhóm cần thêm máy sấy",
    awardedAmount: fields.award,
    conditions: "",
    endsOn: "",
    trancheId: fields.tranches.map((t) => t[0]),
    trancheAmount: fields.tranches.map((t) => t[1]),
    trancheWaitsFor: fields.tranches.map((t) => t[2]),
    reportKey: (fields.reports ?? []).map((r) => r[0]),
    reportMonths: (fields.reports ?? []).map((r) => r[1]),
    changeRequestId: fields.changeRequestId ?? "",
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return proposalOf(parsed.data);
}

async function written() {
  const [a] = await db.select({ n: count() }).from(auditLog);
  const [n] = await db.select({ n: count() }).from(notifications);
  const [v] = await db.select({ n: count() }).from(grantVersions);
  return { audit: a.n, notifications: n.n, versions: v.n };
}

const idOf = async (grantId: string, version: number) =>
  (await db.select({ id: grantVersions.id }).from(grantVersions).where(and(eq(grantVersions.grantId, grantId), eq(grantVersions.version, version))))[0].id;

describe(`amendments (${currentDatabase().driver})`, () => {
  it("proposed, approved by a second admin, accepted by the group: only then the grant changes; every version kept", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: owner.user.id });
    const grant = await grantOf(grantId);
    // The second tranche (20 M, after the month-6 report) split in two and moved; the award up by 10 M; the final report later.
    const input = proposal({
      award: "60.000.000",
      tranches: [
        [trancheIds[0], "30000000", "signing"],
        [trancheIds[1], "15000000", "report:m6"],
        ["", "15000000", "report:final"],
      ],
      reports: [["m6", "7"], ["final", "14"]],
    });
    expect(await proposeAmendment(grant, input, proposer)).toEqual({ ok: true, notice: "amendments.propose.done", version: 2 });
    expect((await db.select().from(grants).where(eq(grants.id, grantId)))[0].awardedAmount).toBe(50_000_000n);
    expect((await versionsOf(grantId)).map((v) => [v.version, v.status])).toEqual([[2, "proposed"], [1, "accepted"]]);
    // Version 1 is the agreement as accepted.
    const [v1] = await db.select().from(grantVersions).where(and(eq(grantVersions.grantId, grantId), eq(grantVersions.version, 1)));
    expect(v1.awardedAmount).toBe(50_000_000n);
    expect(v1.tranchePlan.map((t) => t.amount)).toEqual(["30000000", "20000000"]);
    const v2 = await idOf(grantId, 2);
    const adminTold = await db.select().from(notifications).where(and(eq(notifications.userId, approver.user.id), eq(notifications.messageKey, "amendments.notice.proposed")));
    expect(adminTold).toHaveLength(1);

    // The group cannot accept what no second admin approved.
    expect(await acceptAmendment(grant, v2, { by: "owner", signature: owner.user.name }, owner)).toEqual({ ok: false, status: 409, errors: { "": "amendments.errors.notApproved" } });
    expect(await approveAmendment(grant, v2, approver)).toEqual({ ok: true, notice: "amendments.approve.done" });
    expect((await db.select().from(notifications).where(and(eq(notifications.userId, owner.user.id), eq(notifications.messageKey, "amendments.notice.toAccept"))))).toHaveLength(1);
    expect(await acceptAmendment(grant, v2, { by: "owner", signature: owner.user.name }, owner)).toEqual({ ok: true, notice: "amendments.accept.done" });

    expect((await db.select().from(grants).where(eq(grants.id, grantId)))[0].awardedAmount).toBe(60_000_000n);
    const after = await plan(grantId);
    expect(after.map((t) => [t.position, t.amount, t.waitsFor])).toEqual([
      [1, 30_000_000n, "signing"],
      [2, 15_000_000n, "report:m6"],
      [3, 15_000_000n, "report:final"],
    ]);
    expect(after[0].id).toBe(trancheIds[0]);
    const reports = await db.select({ key: outcomeReports.key, months: outcomeReports.months }).from(outcomeReports).where(eq(outcomeReports.grantId, grantId)).orderBy(asc(outcomeReports.months));
    expect(reports).toEqual([{ key: "baseline", months: 0 }, { key: "m6", months: 7 }, { key: "final", months: 14 }]);
    expect((await versionInForce(grantId, null)).version).toBe(2);
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, v2))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["grant_version.proposed", "grant_version.approved", "grant_version.accepted"]));
    const financeTold = await db.select().from(notifications).where(and(eq(notifications.userId, finance.user.id), eq(notifications.messageKey, "amendments.notice.accepted")));
    expect(financeTold.length).toBeGreaterThan(0);
  });

  it("refuses the proposer as approver, in the code and in the database", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: owner.user.id });
    const grant = await grantOf(grantId);
    await proposeAmendment(grant, proposal({ award: "50000000", tranches: [[trancheIds[0], "25000000", "signing"], [trancheIds[1], "25000000", "report:m6"]] }), proposer);
    const v2 = await idOf(grantId, 2);
    const before = await written();
    expect(await approveAmendment(grant, v2, proposer)).toEqual({ ok: false, status: 403, errors: { "": "amendments.errors.samePerson" } });
    expect(await written()).toEqual(before);
    let rule: string | null = null;
    try {
      await db.update(grantVersions).set({ status: "approved", approvedBy: proposer.user.id }).where(eq(grantVersions.id, v2));
    } catch (error) {
      rule = constraintViolated(error);
    }
    expect(rule).toBe("grant_versions_two_people");
    // One amendment at a time.
    expect(await proposeAmendment(grant, proposal({ award: "50000000", tranches: [[trancheIds[0], "50000000", "signing"]] }), approver)).toEqual({
      ok: false,
      status: 409,
      errors: { "": "amendments.errors.alreadyOpen" },
    });
    // Withdrawn, another may be proposed.
    expect(await withdrawAmendment(grant, { versionId: v2, reason: "Nhầm số" }, approver)).toEqual({ ok: true, notice: "amendments.withdraw.done" });
    expect((await proposeAmendment(grant, proposal({ award: "50000000", tranches: [[trancheIds[0], "50000000", "signing"]] }), approver)).ok).toBe(true);
    expect((await versionsOf(grantId)).map((v) => [v.version, v.status])).toEqual([[3, "proposed"], [2, "withdrawn"], [1, "accepted"]]);
  });

  it("refuses an amendment over the round's budget or whose tranches do not sum to the award, writing nothing", async () => {
    const { grantId, roundId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: owner.user.id });
    await db.update(rounds).set({ minGrant: 1_000_000n, maxGrant: 50_000_000n, budget: 55_000_000n }).where(eq(rounds.id, roundId));
    const grant = await grantOf(grantId);
    const before = await written();
    const over = proposal({ award: "60000000", tranches: [[trancheIds[0], "30000000", "signing"], [trancheIds[1], "30000000", "report:m6"]] });
    expect(await proposeAmendment(grant, over, proposer)).toEqual({ ok: false, status: 400, errors: { awardedAmount: "amendments.errors.overBudget" } });
    // The form's schema already refuses a plan that does not sum to the award…
    const bad = proposeAmendmentSchema.safeParse({ reason: "x", awardedAmount: "50000000", endsOn: "", trancheId: [trancheIds[0]], trancheAmount: ["40000000"], trancheWaitsFor: ["signing"] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain("amendments.errors.trancheSum");
    // …and so does the command when handed one directly.
    const unsummed = { ...proposal({ award: "50000000", tranches: [[trancheIds[0], "50000000", "signing"]] }), tranches: [{ trancheId: trancheIds[0], amount: 40_000_000n, waitsFor: "signing" }] };
    expect(await proposeAmendment(grant, unsummed, proposer)).toEqual({ ok: false, status: 400, errors: { trancheAmount: "amendments.errors.trancheSum" } });
    expect(await written()).toEqual(before);

    // Up to the round's budget exactly is allowed.
    const within = proposal({ award: "55000000", tranches: [[trancheIds[0], "30000000", "signing"], [trancheIds[1], "25000000", "report:m6"]] });
    expect((await proposeAmendment(grant, within, proposer)).ok).toBe(true);
    const v2 = await idOf(grantId, 2);
    expect((await approveAmendment(grant, v2, approver)).ok).toBe(true);
    // Another grant of the round takes the room before the group accepts: checked again, refused, nothing changed.
    await makeGrant({ roundId, award: 5_000_000n });
    const beforeAccept = await written();
    expect(await acceptAmendment(grant, v2, { by: "owner", signature: owner.user.name }, owner)).toEqual({ ok: false, status: 400, errors: { awardedAmount: "amendments.errors.overBudget" } });
    expect(await written()).toEqual(beforeAccept);
    expect((await versionsOf(grantId))[0].status).toBe("approved");
    // The database's own word, whoever writes around the code: the award above the round's budget.
    let rule: string | null = null;
    try {
      await db.transaction(async (tx) => {
        await tx.update(grants).set({ awardedAmount: 56_000_000n }).where(eq(grants.id, grantId));
        await tx.update(tranches).set({ amount: 26_000_000n }).where(eq(tranches.id, trancheIds[1]));
      });
    } catch (error) {
      rule = constraintViolated(error);
    }
    expect(rule).toBe("grants_within_round_budget");
    // Tranches that do not sum to a changed award: refused at commit.
    rule = null;
    try {
      await db.update(grants).set({ awardedAmount: 45_000_000n }).where(eq(grants.id, grantId));
    } catch (error) {
      rule = constraintViolated(error);
    }
    expect(rule).toBe("tranches_sum_to_award");
    expect((await db.select().from(grants).where(eq(grants.id, grantId)))[0].awardedAmount).toBe(50_000_000n);
  });

  it("refuses an award below the money paid and a change of a paid tranche", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: owner.user.id });
    const other = await makeActor(["finance"]);
    await makeDisbursement({ grantId, trancheId: trancheIds[0], amount: 30_000_000n, preparedBy: finance.user.id, approvedBy: other.user.id, status: "paid" });
    const grant = await grantOf(grantId);
    const before = await written();
    const below = proposal({ award: "25000000", tranches: [[trancheIds[0], "25000000", "signing"]] });
    expect(await proposeAmendment(grant, below, proposer)).toEqual({ ok: false, status: 400, errors: { awardedAmount: "amendments.errors.belowPaid" } });
    const resized = proposal({ award: "50000000", tranches: [[trancheIds[0], "35000000", "signing"], [trancheIds[1], "15000000", "report:m6"]] });
    expect(await proposeAmendment(grant, resized, proposer)).toEqual({ ok: false, status: 400, errors: { trancheAmount: "amendments.errors.paidTrancheChanged" } });
    const moved = proposal({ award: "50000000", tranches: [[trancheIds[0], "30000000", "report:m6"], [trancheIds[1], "20000000", "report:m6"]] });
    expect(await proposeAmendment(grant, moved, proposer)).toEqual({ ok: false, status: 400, errors: { trancheAmount: "amendments.errors.paidTrancheChanged" } });
    // The award down to exactly what was paid: the unpaid tranche goes, the paid one stays.
    const down = proposal({ award: "30000000", tranches: [[trancheIds[0], "30000000", "signing"]] });
    expect(await written()).toEqual(before);
    expect((await proposeAmendment(grant, down, proposer)).ok).toBe(true);
    const v2 = await idOf(grantId, 2);
    await approveAmendment(grant, v2, approver);
    // The database keeps the rule under the code: an award below the money out, a paid tranche shrunk.
    for (const [work, name] of [
      [() => db.update(grants).set({ awardedAmount: 20_000_000n }).where(eq(grants.id, grantId)), "grants_award_covers_disbursements"],
      [() => db.update(tranches).set({ amount: 20_000_000n }).where(eq(tranches.id, trancheIds[0])), "tranches_cover_disbursements"],
    ] as const) {
      let rule: string | null = null;
      try {
        await work();
      } catch (error) {
        rule = constraintViolated(error);
      }
      expect(rule).toBe(name);
    }
    expect(await acceptAmendment(grant, v2, { by: "owner", signature: owner.user.name }, owner)).toEqual({ ok: true, notice: "amendments.accept.done" });
    expect((await plan(grantId)).map((t) => [t.id, t.amount])).toEqual([[trancheIds[0], 30_000_000n]]);
  });

  it("a group's request becomes an amendment, or is declined with a reason it reads; a group may decline a version", async () => {
    const facilitator = await makeActor(["facilitator"]);
    const { grantId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: owner.user.id, facilitatorIds: [facilitator.user.id] });
    const grant = await grantOf(grantId);
    expect(await askForChange(grant, { reason: "Lũ cuốn mất đường vào bản, xin nộp báo cáo tháng 6 muộn hai tháng" }, facilitator, true)).toEqual({ ok: true, notice: "amendments.ask.done" });
    expect(await askForChange(grant, { reason: "Xin đổi ngày nhận đợt 2" }, owner, false)).toEqual({ ok: true, notice: "amendments.ask.done" });
    const [second, first] = await changeRequestsOf(grantId);
    expect(first.status).toBe("open");
    const adminTold = await db.select().from(notifications).where(and(eq(notifications.userId, proposer.user.id), eq(notifications.messageKey, "amendments.notice.requested")));
    expect(adminTold.length).toBe(2);

    const moved = proposal({ award: "50000000", tranches: [[trancheIds[0], "30000000", "signing"], [trancheIds[1], "20000000", "report:m6"]], reports: [["m6", "8"]], changeRequestId: first.id });
    expect((await proposeAmendment(grant, moved, proposer)).ok).toBe(true);
    expect(await declineChangeRequest(grant, { requestId: second.id, reason: "Đợt 2 chờ báo cáo tháng 6 như thỏa thuận" }, approver)).toEqual({ ok: true, notice: "amendments.requestDecline.done" });
    const requests = await db.select().from(grantChangeRequests).where(eq(grantChangeRequests.grantId, grantId));
    expect(Object.fromEntries(requests.map((r) => [r.id, [r.status, r.answer]]))).toEqual({ [first.id]: ["amended", null], [second.id]: ["declined", "Đợt 2 chờ báo cáo tháng 6 như thỏa thuận"] });
    const ownerTold = await db.select().from(notifications).where(and(eq(notifications.userId, owner.user.id), eq(notifications.messageKey, "amendments.notice.requestDeclined")));
    expect(ownerTold[0]?.params).toMatchObject({ reason: "Đợt 2 chờ báo cáo tháng 6 như thỏa thuận" });
    expect(await declineChangeRequest(grant, { requestId: second.id, reason: "again" }, approver)).toMatchObject({ ok: false, status: 409 });

    const v2 = await idOf(grantId, 2);
    await approveAmendment(grant, v2, approver);
    // The facilitator declines for the group: the agreement in force stays version 1.
    expect(await declineAmendment(grant, { versionId: v2, reason: "Nhóm muốn giữ ngày cũ" }, facilitator, true)).toEqual({ ok: true, notice: "amendments.decline.done" });
    expect((await versionInForce(grantId, null)).version).toBe(1);
    const m6 = await db.select({ months: outcomeReports.months }).from(outcomeReports).where(and(eq(outcomeReports.grantId, grantId), eq(outcomeReports.key, "m6")));
    expect(m6[0].months).toBe(6);
  });
});
