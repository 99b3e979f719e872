import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, grantFigures, moneyReturns, notifications } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { constraintViolated } from "../../kernel/command.server";
import { get, person, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { makeActor, makeDisbursement, makeDueGrant } from "../../testing/factories";
import { agreementSchedule } from "../grants/agreement.server";
import { loadGrant } from "../grants/grant-reads.server";
import { prepareDisbursement } from "./disbursements.server";
import { loadLedger } from "./ledger.server";
import { paymentsOfGrant } from "./received.server";
import { roundTotals } from "./totals.server";
import { approveReturn, cancelReturn, recordReturn } from "./returns.server";

// Issue 14, item 3: money that comes back is recorded with its proof by one finance user and
// approved by another; then it counts: net paid = paid − returned, a bounced tranche is due again,
// the impact figures count net money. Never more back than was paid.

// A PNG of one pixel: enough for the upload checks to decode.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const proof = () => new File([PNG], "bao-hoan.png", { type: "image/png" });

let preparer: Actor;
let approver: Actor;
let leader: Actor;

beforeAll(async () => {
  [preparer, approver, leader] = await Promise.all([makeActor(["finance"]), makeActor(["finance"]), makeActor(["applicant"])]);
});

async function counts() {
  const [r] = await db.select({ n: count() }).from(moneyReturns);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { returns: r.n, audit: a.n };
}

/** A grant of 10 000 000 whose first tranche (6 000 000) was paid by bank transfer. */
async function paidGrant() {
  const made = await makeDueGrant({ award: 10_000_000n, ownerId: leader.user.id });
  const paid = await makeDisbursement({ grantId: made.grantId, trancheId: made.trancheIds[0], amount: 6_000_000n, preparedBy: preparer.user.id, approvedBy: approver.user.id, status: "paid" });
  return { ...made, paidId: paid.id };
}

const bounced = (disbursementId: string, amount = 6_000_000n) => ({
  kind: "bounced" as const,
  disbursementId,
  amount,
  method: "bank_transfer" as const,
  receivedOn: "2026-01-10",
  reference: "FT-HOAN-01",
  note: "",
});

describe(`money that comes back (${currentDatabase().driver})`, () => {
  it("a bounced transfer, approved by a second person: net paid falls, its tranche is due again, the figures count net money", async () => {
    const { grantId, roundId, trancheIds, paidId } = await paidGrant();
    const recorded = await recordReturn(grantId, bounced(paidId), proof(), preparer);
    expect(recorded).toMatchObject({ ok: true, status: "prepared" });
    const id = (recorded as { id: string }).id;
    // A prepared return counts for nothing yet.
    expect((await loadLedger(grantId))!.figures).toMatchObject({ paid: 6_000_000n, returned: 0n, netPaid: 6_000_000n });

    expect(await approveReturn(id, preparer)).toEqual({ ok: false, status: 403, errors: { "": "finance.returns.errors.ownReturn" } });
    expect(await approveReturn(id, approver)).toEqual({ ok: true, id, status: "approved" });
    const ledger = (await loadLedger(grantId))!;
    expect(ledger.figures).toEqual({ awarded: 10_000_000n, prepared: 0n, approved: 0n, paid: 6_000_000n, returned: 6_000_000n, netPaid: 0n, remaining: 10_000_000n });
    expect(ledger.tranches[0]).toMatchObject({ paid: 0n, remaining: 6_000_000n });
    const [figures] = await db.select().from(grantFigures).where(eq(grantFigures.grantId, grantId));
    expect(figures.paid).toBe(0n);
    const schedule = agreementSchedule((await loadGrant(grantId))!, await paymentsOfGrant(grantId));
    expect(schedule[0]).toMatchObject({ paid: 0n, status: "due" });

    // Due again: the tranche can be paid once more, in full and no further.
    expect(await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 6_000_001n, method: "cash" }, preparer)).toMatchObject({ ok: false, status: 400 });
    expect(await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 6_000_000n, method: "cash" }, preparer)).toMatchObject({ ok: true, status: "prepared" });
    const round = (await roundTotals()).flatMap((p) => p.rounds).find((r) => r.id === roundId)!;
    expect(round.totals.paid).toBe(0n);
    const told = await db.select().from(notifications).where(eq(notifications.link, `/grants/${grantId}`));
    expect(told.map((n) => n.messageKey)).toContain("finance.returns.notice.group.bounced");
    const history = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    expect(history.map((h) => h.action)).toEqual(["money_return.prepared", "money_return.approved"]);
  });

  it("refuses more than was paid, a disbursement not paid, a missing proof, and writes nothing", async () => {
    const { grantId, trancheIds, paidId } = await paidGrant();
    const unpaid = await makeDisbursement({ grantId, trancheId: trancheIds[1], amount: 1_000_000n, preparedBy: preparer.user.id });
    const before = await counts();
    const over = await recordReturn(grantId, bounced(paidId, 6_000_001n), proof(), preparer);
    expect(over).toEqual({ ok: false, status: 400, errors: { amount: "finance.returns.errors.overPaid?left=6.000.000%C2%A0%E2%82%AB" } });
    const refund = await recordReturn(grantId, { ...bounced(""), kind: "refund", disbursementId: "", amount: 6_000_001n }, proof(), preparer);
    expect(refund).toMatchObject({ ok: false, status: 400 });
    expect(await recordReturn(grantId, bounced(unpaid.id, 1n), proof(), preparer)).toEqual({ ok: false, status: 409, errors: { disbursementId: "finance.returns.errors.notPaid" } });
    expect(await recordReturn(grantId, bounced(paidId), null, preparer)).toEqual({ ok: false, status: 400, errors: { proof: "finance.returns.errors.proofRequired" } });
    const notFinance = { ...approver, user: { ...approver.user, roles: ["admin" as const] } };
    expect(await recordReturn(grantId, bounced(paidId), proof(), notFinance)).toMatchObject({ ok: false, status: 403 });
    expect(await counts()).toEqual(before);

    // Two returns of 4 000 000 against 6 000 000 paid: the second is refused, also by the database.
    const first = await recordReturn(grantId, { ...bounced(paidId, 4_000_000n), kind: "cash_returned", method: "cash", reference: "" }, proof(), preparer);
    expect(first.ok).toBe(true);
    expect((await recordReturn(grantId, bounced(paidId, 4_000_000n), proof(), preparer)).ok).toBe(false);
    let broken: string | null = null;
    try {
      await db.insert(moneyReturns).values({ grantId, kind: "refund", amount: 4_000_000n, method: "cash", receivedOn: "2026-01-10", preparedBy: preparer.user.id });
    } catch (error) {
      broken = constraintViolated(error);
    }
    expect(broken).toBe("money_returns_within_paid");
    // Withdrawn, it frees the room again.
    expect(await cancelReturn((first as { id: string }).id, "Ghi nhầm", preparer)).toMatchObject({ ok: true, status: "cancelled" });
    expect((await recordReturn(grantId, bounced(paidId), proof(), preparer)).ok).toBe(true);
  });
});

describe("the returns page", () => {
  let server: TestServer;
  let finance: Person;
  let checker: Person;
  beforeAll(async () => {
    server = await startServer();
    [finance, checker] = await Promise.all([person(server, ["finance"]), person(server, ["finance"])]);
  });
  afterAll(() => server.close());

  const post = (path: string, form: FormData, cookie: string) => fetch(`${server.url}${path}`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });

  it("records a bounced transfer with its proof, a second person approves it, the ledger shows returned and net paid", async () => {
    const { grantId, paidId } = await paidGrant();
    const page = `/finance/grants/${grantId}/returns`;
    const form = () => {
      const f = new FormData();
      f.set("intent", "record");
      f.set("kind", "bounced");
      f.set("disbursementId", paidId);
      f.set("amount", "6.000.000");
      f.set("method", "bank_transfer");
      f.set("receivedOn", "2026-01-10");
      f.set("reference", "FT-HOAN-02");
      f.set("proof", new Blob([PNG], { type: "image/png" }), "bao-hoan.png");
      return f;
    };
    const tooMuch = form();
    tooMuch.set("amount", "7.000.000");
    const refused = await post(page, tooMuch, finance.cookie);
    expect(refused.status).toBe(400);
    const said = (await refused.text()).replace(/\u00a0/g, " ");
    expect(said).toContain("Số tiền trả về vượt quá số đã chi. Tối đa: 6.000.000 ₫.");

    const recorded = await post(page, form(), finance.cookie);
    expect(recorded.status).toBe(302);
    const [row] = await db.select().from(moneyReturns).where(eq(moneyReturns.grantId, grantId));
    expect(row).toMatchObject({ status: "prepared", amount: 6_000_000n, reference: "FT-HOAN-02" });
    expect(row.proofStorageKey).toBeTruthy();

    const approve = new FormData();
    approve.set("intent", "approve");
    approve.set("returnId", row.id);
    expect((await post(page, approve, finance.cookie)).status).toBe(403);
    expect((await post(page, approve, checker.cookie)).status).toBe(302);
    const ledger = (await (await get(`${server.url}/finance/grants/${grantId}`, finance.cookie)).text()).replace(/\u00a0/g, " ");
    expect(ledger).toContain("Tiền đã trả về");
    expect(ledger).toContain("Thực chi (đã chi − trả về)");
    expect(ledger).toContain(page);
    // The export says how much of each disbursement came back.
    const csv = await (await get(`${server.url}/finance/disbursements.csv?grant=${grantId}`, finance.cookie)).text();
    expect(csv.split("\n")[0]).toContain("Tiền đã trả về");
    expect(csv.split("\n")[1].trim().endsWith(",6000000")).toBe(true);
  });
});
