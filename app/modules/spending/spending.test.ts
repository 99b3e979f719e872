import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, budgetLines, disbursements, grantClosures, grants, notifications, spendingLines, spendingReports, tranches } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { makeActor, makeDueGrant, makeGrant, makeOutcomeReport } from "../../testing/factories";
import { approveDisbursement, prepareDisbursement, recordBankPayment } from "../disbursements/disbursements.server";
import { approveReturn, recordReturn } from "../disbursements/returns.server";
import { closureLetter } from "../grants/closure-letter";
import { loadClosureLetter } from "../grants/closure.server";
import { reviewReport } from "../outcomes/report-review.server";
import { addReceipt, reviewSpendingReport, saveSpendingReport } from "./commands.server";
import { loadSpendingReview } from "./reports.server";
import { flagLine, spendingSchema, type SpendingInput } from "./spending.schema";

// Spending reports and close-out (issue 14, items 5 and 6), through the commands the pages call,
// on the real migrated database.

let owner: Actor & { email: string };
let stranger: Actor & { email: string };
let admin: Actor & { email: string };
let preparer: Actor & { email: string };
let approver: Actor & { email: string };

beforeAll(async () => {
  [owner, stranger, admin, preparer, approver] = await Promise.all([
    makeActor(["applicant"]),
    makeActor(["applicant"]),
    makeActor(["admin"]),
    makeActor(["finance"]),
    makeActor(["finance"]),
  ]);
});

// A PNG of one pixel: enough for the upload checks to decode.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const png = (name = "hoa-don.png") => new File([PNG], name, { type: "image/png" });

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

const lines = [
  { item: "Cây giống quế", quantity: 1, unitCost: 6_000_000n },
  { item: "Lưới che nắng", quantity: 1, unitCost: 4_000_000n },
];

/** A grant accepted today, 10.000.000 ₫ on two budget lines; the schedule's periods are m6 and final. */
async function grantWithBudget(template?: Parameters<typeof makeDueGrant>[0] extends infer O ? (O extends { template?: infer T } ? T : never) : never) {
  const made = await makeDueGrant({ award: 10_000_000n, ownerId: owner.user.id, lines, template });
  const budget = await db.select().from(budgetLines).where(eq(budgetLines.applicationId, made.applicationId)).orderBy(budgetLines.position);
  return { ...made, budgetIds: budget.map((b) => b.id) };
}

function input(budgetIds: string[], amounts: (bigint | null)[], dates: (string | null)[], own: Partial<SpendingInput> = {}): SpendingInput {
  return { budgetLineId: budgetIds, amount: amounts, spentOn: dates, ownCash: 0n, ownInKindValue: 0n, ownInKind: "", ...own };
}

async function written() {
  const [r] = await db.select({ n: count() }).from(spendingReports);
  const [l] = await db.select({ n: count() }).from(spendingLines);
  const [a] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityType, "spending_report"));
  return { reports: r.n, lines: l.n, audit: a.n };
}

async function statusOf(grantId: string) {
  const [row] = await db.select({ status: grants.status }).from(grants).where(eq(grants.id, grantId));
  return row.status;
}

describe(`spending reports (${currentDatabase().driver})`, () => {
  it("draft → receipt → submitted → returned for changes → submitted → approved: audited, the group and finance told", async () => {
    const { grantId, budgetIds } = await grantWithBudget();
    const target = { grantId, key: "m6" };
    const saved = await saveSpendingReport(target, input(budgetIds, [5_000_000n, null], [today(), null], { ownCash: 500_000n, ownInKindValue: 2_000_000n, ownInKind: "10 ngày công" }), "save", owner);
    expect(saved).toMatchObject({ ok: true, notice: "spending.saved" });
    if (!saved.ok) return;
    expect(await addReceipt(target, budgetIds[0], png(), owner)).toEqual({ ok: true, notice: "spending.receiptAdded" });
    // A line with nothing spent on it takes no receipt.
    expect(await addReceipt(target, budgetIds[1], png(), owner)).toMatchObject({ ok: false, status: 400, errors: { receiptLine: "spending.errors.receiptLine" } });
    expect(await saveSpendingReport(target, input(budgetIds, [5_000_000n, null], [today(), null]), "submit", owner)).toMatchObject({ ok: true, notice: "spending.submitted" });
    // Under review, the group cannot change it.
    expect(await saveSpendingReport(target, input(budgetIds, [1n, null], [today(), null]), "save", owner)).toMatchObject({ ok: false, status: 409 });

    const reportId = saved.reportId;
    expect(await reviewSpendingReport(reportId, { decision: "changes", message: "Xin gửi thêm hóa đơn lưới." }, admin)).toMatchObject({ ok: true });
    expect(await saveSpendingReport(target, input(budgetIds, [5_000_000n, 3_900_000n], [today(), today()]), "submit", owner)).toMatchObject({ ok: true });
    expect(await reviewSpendingReport(reportId, { decision: "approve", message: "" }, admin)).toEqual({ ok: true, notice: "spending.reviewed.approved" });
    expect(await reviewSpendingReport(reportId, { decision: "approve", message: "" }, admin)).toMatchObject({ ok: false, status: 409 });

    const [report] = await db.select().from(spendingReports).where(eq(spendingReports.id, reportId));
    expect(report).toMatchObject({ status: "approved", reviewedBy: admin.user.id, submittedBy: owner.user.id });
    const rows = await db.select().from(spendingLines).where(eq(spendingLines.reportId, reportId)).orderBy(spendingLines.amount);
    expect(rows.map((r) => r.amount)).toEqual([3_900_000n, 5_000_000n]);
    expect(rows.find((r) => r.amount === 5_000_000n)!.receiptStorageKey).toMatch(/\.png$/);
    const history = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, reportId)).orderBy(auditLog.id);
    expect(history.map((h) => h.action)).toEqual([
      "spending_report.draft",
      "spending_report.receipt_added",
      "spending_report.submitted",
      "spending_report.changes_requested",
      "spending_report.submitted",
      "spending_report.approved",
    ]);
    const told = async (userId: string) =>
      (await db.select({ key: notifications.messageKey }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.key);
    expect(await told(owner.user.id)).toEqual(expect.arrayContaining(["spending.notice.changes", "spending.notice.approved"]));
    expect(await told(preparer.user.id)).toEqual(expect.arrayContaining(["spending.notice.submitted", "spending.notice.changes", "spending.notice.approved"]));
    expect(await told(admin.user.id)).toContain("spending.notice.submitted");
  });

  it("a facilitator of the group reports on its behalf, recorded as such", async () => {
    const facilitator = await makeActor(["facilitator"]);
    const made = await makeDueGrant({ award: 10_000_000n, ownerId: owner.user.id, facilitatorIds: [facilitator.user.id], lines });
    const [line] = await db.select().from(budgetLines).where(eq(budgetLines.applicationId, made.applicationId)).orderBy(budgetLines.position);
    const actor = { ...facilitator, onBehalfOf: `group:${made.groupId}` };
    const saved = await saveSpendingReport({ grantId: made.grantId, key: "m6" }, input([line.id], [2_000_000n], [today()]), "submit", actor);
    if (!saved.ok) throw new Error("not saved");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, saved.reportId), eq(auditLog.action, "spending_report.submitted")));
    expect(audit).toMatchObject({ actorId: facilitator.user.id, onBehalfOf: `group:${made.groupId}` });
  });

  it("flags a line more than 20 % over its budget at any report, or under it at the final report", async () => {
    expect(flagLine(1_000_000n, 1_200_000n, false)).toBeNull();
    expect(flagLine(1_000_000n, 1_200_001n, false)).toBe("over");
    expect(flagLine(1_000_000n, 799_999n, false)).toBeNull();
    expect(flagLine(1_000_000n, 799_999n, true)).toBe("under");
    expect(flagLine(1_000_000n, 800_000n, true)).toBeNull();

    const { grantId, budgetIds } = await grantWithBudget();
    // The final period: 7.300.000 on a 6.000.000 line (over), 3.100.000 on a 4.000.000 line (under).
    const saved = await saveSpendingReport({ grantId, key: "final" }, input(budgetIds, [7_300_000n, 3_100_000n], [today(), today()]), "submit", owner);
    if (!saved.ok) throw new Error("not saved");
    const page = await loadSpendingReview(admin.user, saved.reportId);
    expect(page!.rows.map((r) => r.flag)).toEqual(["over", "under"]);
    expect(page!.period.isFinal).toBe(true);
    // An interim report under its budget is no news.
    const interim = await saveSpendingReport({ grantId, key: "m6" }, input(budgetIds, [1_000_000n, null], [today(), null]), "submit", owner);
    if (!interim.ok) throw new Error("not saved");
    expect((await loadSpendingReview(admin.user, interim.reportId))!.rows.map((r) => r.flag)).toEqual([null, null]);
  });

  it("refuses bad input with its message and writes nothing", async () => {
    const { grantId, budgetIds } = await grantWithBudget();
    const other = await grantWithBudget();
    const target = { grantId, key: "m6" };
    // The form's own schema: a negative amount, a date without an amount.
    const parsed = spendingSchema.safeParse({ budgetLineId: budgetIds, amount: ["-5000", ""], spentOn: [today(), today()], ownCash: "", ownInKindValue: "", ownInKind: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toEqual(
      expect.arrayContaining(["amount.0:errors.moneyInvalid", "amount.1:spending.errors.amountRequired"]),
    );

    const before = await written();
    expect(await saveSpendingReport(target, input(budgetIds, [-5n, null], [today(), null]), "save", owner)).toMatchObject({
      ok: false,
      status: 400,
      errors: { "amount.0": "spending.errors.amountPositive" },
    });
    // Before the group accepted the agreement (today), and in the future.
    const early = await saveSpendingReport(target, input(budgetIds, [1_000n, null], [daysAgo(3), null]), "save", owner);
    expect(early).toMatchObject({ ok: false, status: 400 });
    if (!early.ok) expect(early.errors["spentOn.0"]).toMatch(/^spending\.errors\.dateOutside\?/);
    expect(await saveSpendingReport(target, input(budgetIds, [1_000n, null], ["2099-01-01", null]), "save", owner)).toMatchObject({ ok: false, status: 400 });
    // A line of another grant's budget.
    expect(await saveSpendingReport(target, input([other.budgetIds[0]], [1_000n], [today()]), "save", owner)).toMatchObject({
      ok: false,
      status: 400,
      errors: { "": "spending.errors.unknownLine" },
    });
    // Another group's leader, and a period the grant does not have.
    expect(await saveSpendingReport(target, input(budgetIds, [1_000n, null], [today(), null]), "save", stranger)).toMatchObject({ ok: false, status: 404 });
    expect(await saveSpendingReport({ grantId, key: "m99" }, input(budgetIds, [1_000n, null], [today(), null]), "save", owner)).toMatchObject({ ok: false, status: 404 });
    // A grant not yet accepted takes no spending report.
    const unaccepted = await makeGrant({ ownerId: owner.user.id });
    expect(await saveSpendingReport({ grantId: unaccepted.grantId, key: "m6" }, input([], [], []), "save", owner)).toMatchObject({
      ok: false,
      status: 409,
      errors: { "": "spending.errors.agreementFirst" },
    });
    expect(await written()).toEqual(before);
  });

  it("a tranche can wait for a spending report: not payable until the report is approved", async () => {
    const { grantId, budgetIds, trancheIds } = await grantWithBudget([
      { percent: 60, waitsFor: "signing" },
      { percent: 40, waitsFor: { spending: "m6" } },
    ]);
    const [second] = await db.select().from(tranches).where(eq(tranches.id, trancheIds[1]));
    expect(second).toMatchObject({ waitsFor: "spending:m6", conditionMetAt: null });
    expect(await prepareDisbursement({ grantId, trancheId: trancheIds[1], amount: 1_000n, method: "cash" }, preparer)).toMatchObject({ ok: false, status: 409 });

    const saved = await saveSpendingReport({ grantId, key: "m6" }, input(budgetIds, [6_000_000n, null], [today(), null]), "submit", owner);
    if (!saved.ok) throw new Error("not saved");
    expect(await reviewSpendingReport(saved.reportId, { decision: "approve", message: "" }, admin)).toMatchObject({ ok: true });
    const [met] = await db.select().from(tranches).where(eq(tranches.id, trancheIds[1]));
    expect(met.conditionMetAt).not.toBeNull();
    expect(await prepareDisbursement({ grantId, trancheId: trancheIds[1], amount: 1_000n, method: "cash" }, preparer)).toMatchObject({ ok: true });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, trancheIds[1]), eq(auditLog.action, "tranche.condition_met")));
    expect(audit.data).toMatchObject({ waitsFor: "spending:m6", byHand: false });
  });
});

describe(`close-out (${currentDatabase().driver})`, () => {
  async function payInFull(grantId: string, trancheId: string, amount: bigint) {
    const made = await prepareDisbursement({ grantId, trancheId, amount, method: "bank_transfer", bankBin: "970405" }, preparer);
    if (!made.ok) throw new Error("not prepared");
    await approveDisbursement(made.id, approver);
    expect(await recordBankPayment(made.id, { bankReference: `FT${made.id.slice(0, 6)}`, paidOn: today() }, preparer)).toMatchObject({ ok: true, status: "paid" });
  }

  it("a grant is not completed by its last payment; it closes when both final reports are approved and its money settles, with a letter", async () => {
    const { grantId, budgetIds, trancheIds } = await grantWithBudget([{ percent: 100, waitsFor: "signing" }]);
    await payInFull(grantId, trancheIds[0], 10_000_000n);
    expect(await statusOf(grantId)).toBe("active");

    // The final outcome report approved: the spending report is still missing.
    const final = await makeOutcomeReport({ grantId, key: "final", months: 12, status: "submitted" });
    expect(await reviewReport(final.id, { decision: "approve", message: "" }, admin)).toMatchObject({ ok: true });
    expect(await statusOf(grantId)).toBe("active");

    // The final spending report approved, 9.000.000 spent of 10.000.000 paid: not settled.
    const saved = await saveSpendingReport({ grantId, key: "final" }, input(budgetIds, [5_500_000n, 3_500_000n], [today(), today()], { ownCash: 700_000n }), "submit", owner);
    if (!saved.ok) throw new Error("not saved");
    expect(await reviewSpendingReport(saved.reportId, { decision: "approve", message: "" }, admin)).toMatchObject({ ok: true });
    expect(await statusOf(grantId)).toBe("active");
    expect(await db.select().from(grantClosures).where(eq(grantClosures.grantId, grantId))).toEqual([]);

    // The group refunds the 1.000.000 it did not spend; once a second finance user approves it, the grant closes.
    const refund = await recordReturn(grantId, { kind: "refund", disbursementId: "", amount: 1_000_000n, method: "cash", receivedOn: today(), reference: "", note: "" }, png("bien-nhan.png"), preparer);
    if (!refund.ok) throw new Error(`refund not recorded: ${JSON.stringify(refund.errors)}`);
    expect(await statusOf(grantId)).toBe("active");
    expect(await approveReturn(refund.id, approver)).toMatchObject({ ok: true });
    expect(await statusOf(grantId)).toBe("completed");

    const [closure] = await db.select().from(grantClosures).where(eq(grantClosures.grantId, grantId));
    expect(closure).toMatchObject({ paid: 10_000_000n, returned: 0n, spent: 9_000_000n, refunded: 1_000_000n, ownCash: 700_000n });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, grantId)).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "grant.completed", actorId: null });
    for (const person of [owner, preparer, approver]) {
      const keys = (await db.select({ key: notifications.messageKey }).from(notifications).where(eq(notifications.userId, person.user.id))).map((n) => n.key);
      expect(keys).toContain("spending.notice.closed");
    }

    // The closure letter, in both languages, for the group and staff; nobody else.
    const view = await loadClosureLetter(grantId, owner.user);
    const vi = closureLetter(translator("vi"), view);
    const en = closureLetter(translator("en"), view);
    expect(vi.heading).toBe("THƯ XÁC NHẬN KẾT THÚC KHOẢN TÀI TRỢ");
    expect(en.heading).toBe("GRANT CLOSURE LETTER");
    expect(vi.figures.find((f) => f.label === "Nhóm đã hoàn lại tiền chưa dùng")!.value).toMatch(/^1\.000\.000\s₫ — một triệu đồng$/);
    expect(en.figures.find((f) => f.label === "Spent by the group on its budget")!.value).toMatch(/^₫\s?9,000,000 — nine million dong$/);
    expect(vi.to).toContain(view.groupName);
    expect(vi.reference).toMatch(/^Số: [0-9A-F]{8}\/KT-\d{4} · Ngày \d\d\/\d\d\/\d{4}$/);
    expect(en.reference).toMatch(/^Ref\.: [0-9A-F]{8}\/KT-\d{4} · \d\d\/\d\d\/\d{4}$/);
    await expect(loadClosureLetter(grantId, admin.user)).resolves.toMatchObject({ grantId });
    await expect(loadClosureLetter(grantId, stranger.user)).rejects.toMatchObject({ status: 404 });

    // Closed, the reports no longer change.
    expect(await saveSpendingReport({ grantId, key: "m6" }, input(budgetIds, [1n, null], [today(), null]), "save", owner)).toMatchObject({
      ok: false,
      errors: { "": "spending.errors.grantClosed" },
    });

    // Money coming back after close-out (a transfer the bank returns late) unsettles it: open again, the letter withdrawn.
    const [paid] = await db.select({ id: disbursements.id }).from(disbursements).where(eq(disbursements.grantId, grantId));
    const bounced = await recordReturn(grantId, { kind: "bounced", disbursementId: paid.id, amount: 500_000n, method: "bank_transfer", receivedOn: today(), reference: "HT-1", note: "" }, png("bao-co.png"), preparer);
    if (!bounced.ok) throw new Error(`return not recorded: ${JSON.stringify(bounced.errors)}`);
    expect(await approveReturn(bounced.id, approver)).toMatchObject({ ok: true });
    expect(await statusOf(grantId)).toBe("active");
    expect(await db.select().from(grantClosures).where(eq(grantClosures.grantId, grantId))).toEqual([]);
    await expect(loadClosureLetter(grantId, owner.user)).rejects.toMatchObject({ status: 404 });
  });

  it("an open grant has no letter", async () => {
    const { grantId } = await grantWithBudget();
    await expect(loadClosureLetter(grantId, owner.user)).rejects.toMatchObject({ status: 404 });
  });
});
