import { count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, disbursements, grants, notifications, outbox } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { makeActor, makeDueGrant } from "../../testing/factories";
import type { Actor } from "../../kernel/actor";
import { approveDisbursement, cancelDisbursement, prepareDisbursement, recordBankPayment, recordCashPayment } from "./disbursements.server";
import { guessBankBin } from "./banks.server";

// The commands themselves, called as the finance pages (and the Stripe payment's tests) call them.

let preparer: Actor;
let approver: Actor;
let owner: Actor & { email: string };

beforeAll(async () => {
  [preparer, approver, owner] = await Promise.all([makeActor(["finance"]), makeActor(["finance"]), makeActor(["applicant"])]);
});

const AGRIBANK = "970405";

async function counts() {
  const [d] = await db.select({ n: count() }).from(disbursements);
  const [a] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityType, "disbursement"));
  return { disbursements: d.n, audit: a.n };
}

// A PNG of one pixel: enough for the upload checks to decode.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

describe(`disbursement commands (${currentDatabase().driver})`, () => {
  it("prepare → approve by another → bank payment: paid once, audited, the group told", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n, ownerId: owner.user.id });
    const id = crypto.randomUUID();
    const input = { id, grantId, trancheId: trancheIds[0], amount: 6_000_000n, method: "bank_transfer" as const, bankBin: AGRIBANK };
    const prepared = await prepareDisbursement(input, preparer);
    expect(prepared).toEqual({ ok: true, id, status: "prepared" });
    // The same form posted again: the same answer, nothing written twice.
    const before = await counts();
    expect(await prepareDisbursement(input, preparer)).toEqual({ ok: true, id, status: "prepared" });
    expect(await counts()).toEqual(before);

    expect(await recordBankPayment(id, { bankReference: "FT123", paidOn: "2026-01-02" }, approver)).toMatchObject({ ok: false, status: 409 });
    expect(await approveDisbursement(id, preparer)).toMatchObject({ ok: false, status: 403 });
    expect(await approveDisbursement(id, approver)).toEqual({ ok: true, id, status: "approved" });
    expect(await approveDisbursement(id, approver)).toEqual({ ok: true, id, status: "approved" });

    const paid = await recordBankPayment(id, { bankReference: "FT123", paidOn: "2026-01-02" }, preparer);
    expect(paid).toEqual({ ok: true, id, status: "paid" });
    const again = await counts();
    expect(await recordBankPayment(id, { bankReference: "FT123", paidOn: "2026-01-02" }, preparer)).toEqual({ ok: true, id, status: "paid" });
    expect(await recordBankPayment(id, { bankReference: "FT999", paidOn: "2026-01-02" }, preparer)).toMatchObject({ ok: false, status: 409 });
    expect(await counts()).toEqual(again);

    const [row] = await db.select().from(disbursements).where(eq(disbursements.id, id));
    expect(row).toMatchObject({ status: "paid", bankReference: "FT123", paidOn: "2026-01-02", approvedBy: approver.user.id, preparedBy: preparer.user.id });
    const history = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    expect(history.map((h) => h.action)).toEqual(["disbursement.prepared", "disbursement.approved", "disbursement.paid"]);
    const [notice] = await db.select().from(notifications).where(eq(notifications.userId, owner.user.id));
    expect(notice.messageKey).toBe("disbursements.notice.paid");
    const mails = await db.select().from(outbox).where(eq(outbox.template, "payment-received"));
    expect(mails.some((m) => m.toAddress === owner.email)).toBe(true);
  });

  it("refuses amounts over what remains, tranches not due, methods the group cannot receive", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n, bankAccount: null });
    const base = { grantId, trancheId: trancheIds[0], method: "cash" as const };
    const before = await counts();
    expect(await prepareDisbursement({ ...base, amount: 0n }, preparer)).toMatchObject({ ok: false, status: 400, errors: { amount: "disbursements.errors.amountPositive" } });
    expect(await prepareDisbursement({ ...base, amount: -5n }, preparer)).toMatchObject({ ok: false, status: 400 });
    expect(await prepareDisbursement({ ...base, amount: 6_000_001n }, preparer)).toMatchObject({ ok: false, status: 400 });
    expect(await prepareDisbursement({ ...base, trancheId: trancheIds[1], amount: 1n }, preparer)).toMatchObject({ ok: false, status: 409 });
    expect(await prepareDisbursement({ ...base, method: "bank_transfer", bankBin: AGRIBANK, amount: 1n }, preparer)).toMatchObject({
      ok: false,
      errors: { method: "disbursements.errors.noBankAccount" },
    });
    expect(await prepareDisbursement({ ...base, method: "stripe", amount: 1n }, preparer)).toMatchObject({ ok: false, status: 400 });
    expect(await prepareDisbursement({ ...base, amount: 1n }, owner)).toMatchObject({ ok: false, status: 403 });
    const other = await makeDueGrant();
    expect(await prepareDisbursement({ ...base, trancheId: other.trancheIds[0], amount: 1n }, preparer)).toMatchObject({ ok: false, status: 400 });
    expect(await counts()).toEqual(before);

    // What remains counts live disbursements only: a cancelled one frees its amount.
    const first = await prepareDisbursement({ ...base, amount: 6_000_000n }, preparer);
    expect(first.ok).toBe(true);
    expect(await prepareDisbursement({ ...base, amount: 1n }, preparer)).toMatchObject({ ok: false, status: 400 });
    if (!first.ok) return;
    expect(await cancelDisbursement(first.id, "Sai số tiền", approver)).toMatchObject({ ok: true, status: "cancelled" });
    expect(await cancelDisbursement(first.id, "Sai số tiền", approver)).toMatchObject({ ok: true, status: "cancelled" });
    expect(await prepareDisbursement({ ...base, amount: 6_000_000n }, preparer)).toMatchObject({ ok: true });
  });

  it("the database refuses what code might let through: the same person twice, more than the tranche", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n });
    const made = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 1_000_000n, method: "cash" }, preparer);
    if (!made.ok) throw new Error("not prepared");
    await expect(db.update(disbursements).set({ approvedBy: preparer.user.id }).where(eq(disbursements.id, made.id))).rejects.toThrow();
    await expect(
      db.insert(disbursements).values({ grantId, trancheId: trancheIds[0], amount: 5_500_000n, method: "cash", preparedBy: preparer.user.id }),
    ).rejects.toThrow();
  });

  it("cash: the signed receipt is stored, a non-image refused, a repeat stores nothing", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n });
    const made = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 2_000_000n, method: "cash", recipientName: "Lò Thị Hoa" }, preparer);
    if (!made.ok) throw new Error("not prepared");
    await approveDisbursement(made.id, approver);
    const text = new File(["not a scan"], "phieu.png", { type: "image/png" });
    expect(await recordCashPayment(made.id, { paidOn: "2026-01-03", receipt: text }, preparer)).toMatchObject({ ok: false, status: 400, errors: { receipt: "errors.fileType" } });
    const scan = new File([PNG], "phieu-chi.png", { type: "image/png" });
    expect(await recordCashPayment(made.id, { paidOn: "2026-01-03", receipt: scan }, preparer)).toEqual({ ok: true, id: made.id, status: "paid" });
    const [row] = await db.select().from(disbursements).where(eq(disbursements.id, made.id));
    expect(row.receiptStorageKey).toMatch(/\.png$/);
    expect(row.recipientName).toBe("Lò Thị Hoa");
    expect(await recordCashPayment(made.id, { paidOn: "2026-01-03", receipt: scan }, preparer)).toEqual({ ok: true, id: made.id, status: "paid" });
    const [again] = await db.select().from(disbursements).where(eq(disbursements.id, made.id));
    expect(again.receiptStorageKey).toBe(row.receiptStorageKey);
  });

  it("concurrent prepares of one tranche never exceed it", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 2_000_000n, method: "cash" }, preparer)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results) if (!r.ok) expect(r.status).toBe(400);
    const [row] = await db
      .select({ sum: sql<string>`sum(${disbursements.amount})::text` })
      .from(disbursements)
      .where(eq(disbursements.trancheId, trancheIds[0]));
    expect(BigInt(row.sum)).toBe(6_000_000n);
  });

  it("a grant fully paid is not completed by its payment: close-out waits for its final reports (issue 14)", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 8_000_000n, template: [{ percent: 100, waitsFor: "signing" }] });
    const made = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 8_000_000n, method: "bank_transfer", bankBin: AGRIBANK }, preparer);
    if (!made.ok) throw new Error("not prepared");
    expect(await approveDisbursement(made.id, approver)).toMatchObject({ ok: true });
    expect(await recordBankPayment(made.id, { bankReference: "FT-FULL", paidOn: "2026-01-02" }, preparer)).toMatchObject({ ok: true, status: "paid" });
    const [grant] = await db.select({ status: grants.status }).from(grants).where(eq(grants.id, grantId));
    expect(grant.status).toBe("active");
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, grantId)).orderBy(desc(auditLog.id)).limit(1);
    expect(audit?.action ?? null).not.toBe("grant.completed");
  });

  it("guesses the bank from a group's free text, marks or not", () => {
    expect(guessBankBin("Agribank chi nhánh Sa Pa")).toBe(AGRIBANK);
    expect(guessBankBin("ngan hang nong nghiep")).toBe(AGRIBANK);
    expect(guessBankBin("Vietcombank")).toBe("970436");
    expect(guessBankBin("VietinBank Lào Cai")).toBe("970415");
    expect(guessBankBin("BIDV")).toBe("970418");
    expect(guessBankBin("")).toBeNull();
  });
});
