import { spawn } from "node:child_process";
import path from "node:path";
import { count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, disbursements, grants as grantTable, notifications, tranches as trancheTable } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { withDatabase } from "../../testing/template";
import { get, logInOver, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { StripeFake } from "../../testing/stripe-fake";
import { makeActor, makeDueGrant } from "../../testing/factories";
import type { Actor } from "../../kernel/actor";
import { approveDisbursement, prepareDisbursement } from "./disbursements.server";
import { reconcileStripe } from "./reconcile.server";
import { approvedStripeDisbursement, disbursementRow, fakeAccount, history } from "../../testing/factories";
import { payByStripe, stripeIdempotencyKey } from "./stripe-payment.server";

// Paying through Stripe against the local fake (app/testing/stripe-fake.ts), reached over HTTP
// through the app's own Stripe client: the money rules of issue #5 where Stripe is involved.

let fake: StripeFake;
let server: TestServer;
let preparer: Actor & { email: string };
let approver: Actor & { email: string };
let owner: Actor;

beforeAll(async () => {
  fake = await StripeFake.start({ slowMs: 1200 });
  // Short time-outs: a slow answer is given up on quickly, then retried with the same key.
  server = await startServer({ env: fake.env({ timeoutMs: 800, retries: 2 }) });
  [preparer, approver, owner] = await Promise.all([makeActor(["finance"]), makeActor(["finance"]), makeActor(["applicant"])]);
});
afterAll(async () => {
  await server.close();
  await fake.close();
});
beforeEach(() => fake.stopFailing());

const people = () => ({ preparer, approver });

describe(`Stripe payment (${currentDatabase().driver})`, () => {
  it("the grant's ledger links finance to the group's Stripe account, where its transfers go", async () => {
    const { grantId, groupId } = await makeDueGrant();
    const page = await get(`${server.url}/finance/grants/${grantId}`, await logInOver(server, preparer.email));
    expect(await page.text()).toContain(`href="/finance/groups/${groupId}/stripe"`);
  });

  it("pays an approved disbursement once: VND in đồng, the group's account, ids only, the saved key", async () => {
    const made = await approvedStripeDisbursement(people(), { amount: 6_000_000n, ownerId: owner.user.id });
    const result = await payByStripe(made.disbursementId, preparer);
    expect(result).toEqual({ ok: true, status: "paid" });

    const transfers = fake.transfersFor(made.disbursementId);
    expect(transfers).toHaveLength(1);
    const [transfer] = transfers;
    expect(transfer).toMatchObject({ amount: 6_000_000, currency: "vnd", transfer_group: made.grantId });
    expect(transfer.metadata).toEqual({ disbursement_id: made.disbursementId, grant_id: made.grantId, tranche_id: made.trancheIds[0] });
    expect(fake.createCalls(made.disbursementId).map((c) => c.idempotencyKey)).toEqual([stripeIdempotencyKey(made.disbursementId)]);

    const row = await disbursementRow(made.disbursementId);
    expect(row).toMatchObject({ status: "paid", stripeTransferId: transfer.id, idempotencyKey: stripeIdempotencyKey(made.disbursementId), failureMessage: null });
    expect(row.paidAt).not.toBeNull();
    expect(await history(made.disbursementId)).toEqual(["disbursement.prepared", "disbursement.approved", "disbursement.processing", "disbursement.paid"]);
    const notices = await db.select().from(notifications).where(eq(notifications.userId, owner.user.id));
    expect(notices.map((n) => n.messageKey)).toContain("disbursements.notice.paid");

    // Paying again: refused before Stripe is called.
    const calls = fake.createCalls().length;
    expect(await payByStripe(made.disbursementId, approver)).toMatchObject({ ok: false, status: 409, errors: { "": "payments.errors.alreadyPaid" } });
    expect(fake.createCalls()).toHaveLength(calls);
  });

  it("refuses what is not payable, writing nothing and calling nobody: before approval, another method, no account, unknown ids", async () => {
    const grant = await makeDueGrant({ award: 10_000_000n, stripeAccountId: fakeAccount() });
    const prepared = await prepareDisbursement({ grantId: grant.grantId, trancheId: grant.trancheIds[0], amount: 1_000_000n, method: "stripe" }, preparer);
    if (!prepared.ok) throw new Error("not prepared");
    const cash = await prepareDisbursement({ grantId: grant.grantId, trancheId: grant.trancheIds[0], amount: 1_000_000n, method: "cash" }, preparer);
    if (!cash.ok) throw new Error("not prepared");
    const noAccount = await approvedStripeDisbursement(people());
    await db.execute(sql`update groups set stripe_account_id = null where id = ${noAccount.groupId}`);

    const calls = fake.createCalls().length;
    const [audit] = await db.select({ n: count() }).from(auditLog);
    expect(await payByStripe(prepared.id, approver)).toMatchObject({ ok: false, status: 409, errors: { "": "payments.errors.notApproved" } });
    expect(await payByStripe(cash.id, approver)).toMatchObject({ ok: false, status: 409, errors: { "": "payments.errors.notStripe" } });
    expect(await payByStripe(noAccount.disbursementId, approver)).toMatchObject({ ok: false, status: 409, errors: { "": "payments.errors.noAccount" } });
    expect(await payByStripe(crypto.randomUUID(), approver)).toMatchObject({ ok: false, status: 404 });
    expect(await payByStripe("not-a-uuid", approver)).toMatchObject({ ok: false, status: 404 });
    expect(await payByStripe(prepared.id, owner)).toMatchObject({ ok: false });
    expect(fake.createCalls()).toHaveLength(calls);
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(audit.n);
    expect((await disbursementRow(prepared.id)).idempotencyKey).toBeNull();
  });

  it("a definite refusal by Stripe marks it failed, told in our words (not Stripe's English); nothing was paid, its amount is free again", async () => {
    const account = fakeAccount();
    fake.refuseDestination(account, "Your destination account needs to have at least one of the following capabilities enabled: transfers");
    const made = await approvedStripeDisbursement(people(), { stripeAccountId: account });
    const result = await payByStripe(made.disbursementId, preparer);
    expect(result).toMatchObject({ ok: false, status: 502 });
    if (result.ok) return;
    expect(result.errors[""]).toBe("payments.stripe.destination");
    const row = await disbursementRow(made.disbursementId);
    expect(row.status).toBe("failed");
    expect(row.failureMessage).toBe("payments.stripe.destination");
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(0);
    expect(await history(made.disbursementId)).toEqual(["disbursement.prepared", "disbursement.approved", "disbursement.processing", "disbursement.failed"]);
  });

  it("Stripe answering late: the client gives up, retries with the same key, Stripe replays — one transfer", async () => {
    const made = await approvedStripeDisbursement(people());
    fake.failNext("answer-late");
    expect(await payByStripe(made.disbursementId, preparer)).toEqual({ ok: true, status: "paid" });
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(1);
    const calls = fake.createCalls(made.disbursementId);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((c) => c.idempotencyKey === stripeIdempotencyKey(made.disbursementId))).toBe(true);
    expect(calls.some((c) => c.replayed)).toBe(true);
  });

  it("no clear answer (500s past the retries) leaves it processing and says so; reconciliation finds nothing was paid", async () => {
    const made = await approvedStripeDisbursement(people());
    fake.failNext("500", "500", "500");
    expect(await payByStripe(made.disbursementId, preparer)).toEqual({ ok: false, status: 502, errors: { "": "payments.errors.outcomeUnknown" } });
    expect((await disbursementRow(made.disbursementId)).status).toBe("processing");
    // Pressing "pay" again does not pay: it is processing.
    expect(await payByStripe(made.disbursementId, preparer)).toMatchObject({ ok: false, status: 409, errors: { "": "payments.errors.alreadyProcessing" } });

    const report = await reconcileStripe({ graceMs: 0 });
    expect(report).toMatchObject({ failed: 1, paid: 0 });
    const row = await disbursementRow(made.disbursementId);
    expect(row).toMatchObject({ status: "failed", failureMessage: "payments.failure.notAtStripe" });
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(0);
  });

  it("the process dies after Stripe paid and before our commit: reconciliation settles it paid, with no second transfer", async () => {
    const made = await approvedStripeDisbursement(people());
    // Stripe makes the transfer, the connection drops before its answer, and the retries fail:
    // what our side sees is the same as a process killed before its second transaction.
    fake.failNext("drop-after-work", "500", "500", "500");
    expect(await payByStripe(made.disbursementId, preparer)).toMatchObject({ ok: false, status: 502 });
    expect((await disbursementRow(made.disbursementId)).status).toBe("processing");
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(1);
    const creates = fake.createCalls().length;

    // Within the grace period nothing is touched: a payment may still be in flight.
    expect(await reconcileStripe()).toMatchObject({ checked: 0 });
    expect(await reconcileStripe({ graceMs: 0 })).toMatchObject({ paid: 1 });
    const row = await disbursementRow(made.disbursementId);
    expect(row).toMatchObject({ status: "paid", stripeTransferId: fake.transfersFor(made.disbursementId)[0].id });
    expect(fake.createCalls()).toHaveLength(creates);
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(1);
    // Reconciling again changes nothing.
    expect(await reconcileStripe({ graceMs: 0 })).toMatchObject({ checked: 0 });
    expect(await history(made.disbursementId)).toEqual(["disbursement.prepared", "disbursement.approved", "disbursement.processing", "disbursement.paid"]);
  });

  it("finance's button on /finance/reconcile runs the same reconciliation; other roles are refused", async () => {
    const made = await approvedStripeDisbursement(people());
    fake.failNext("drop-after-work", "500", "500", "500");
    await payByStripe(made.disbursementId, preparer);
    fake.stopFailing();
    // Old enough to be past the grace period.
    await db.update(disbursements).set({ updatedAt: new Date(Date.now() - 10 * 60_000) }).where(eq(disbursements.id, made.disbursementId));
    const cookie = await logInOver(server, approver.email);
    const page = await get(`${server.url}/finance/reconcile`, cookie);
    expect(page.status).toBe(200);
    const answer = await postForm(`${server.url}/finance/reconcile`, {}, { cookie });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/Đã kiểm tra \d+ khoản: 1 đã chi/);
    expect(await disbursementRow(made.disbursementId)).toMatchObject({ status: "paid" });
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(1);
    const owner = await logInOver(server, (await makeActor(["admin"])).email);
    expect((await postForm(`${server.url}/finance/reconcile`, {}, { cookie: owner })).status).toBe(403);
  });

  it.skipIf(currentDatabase().driver !== "postgres")(
    "a process really killed (SIGKILL) while Stripe answers: reconciliation settles it with no second transfer",
    async () => {
      const made = await approvedStripeDisbursement(people());
      fake.failNext("hang-after-work");
      const [{ name }] = (await db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
      const child = spawn(
        path.resolve("node_modules/.bin/tsx"),
        [path.resolve("app/testing/stripe-pay-child.ts"), made.disbursementId, preparer.user.id],
        { env: { ...process.env, DATABASE_URL: withDatabase(process.env.DATABASE_URL!, name) }, stdio: "pipe" },
      );
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      const deadline = Date.now() + 40_000;
      while (fake.transfersFor(made.disbursementId).length === 0) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child never reached Stripe: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill("SIGKILL");
      await exited;
      expect((await disbursementRow(made.disbursementId)).status).toBe("processing");

      const creates = fake.createCalls().length;
      expect(await reconcileStripe({ graceMs: 0 })).toMatchObject({ paid: 1 });
      expect((await disbursementRow(made.disbursementId)).status).toBe("paid");
      expect(fake.createCalls()).toHaveLength(creates);
      expect(fake.transfersFor(made.disbursementId)).toHaveLength(1);
    },
    60_000,
  );

  it("50 pay requests at once over HTTP: one Stripe transfer, one payment, the others told it is under way", async () => {
    const made = await approvedStripeDisbursement(people());
    const cookies = await Promise.all([logInOver(server, preparer.email), logInOver(server, approver.email)]);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postForm(`${server.url}/finance/disbursements/${made.disbursementId}`, { intent: "pay-stripe" }, { cookie: cookies[i % 2] }).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        })),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(fake.transfersFor(made.disbursementId)).toHaveLength(1);
    // One pay request reached Stripe; a slow answer may have been retried, always with the same key.
    const calls = fake.createCalls(made.disbursementId);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([stripeIdempotencyKey(made.disbursementId)]));
    expect(await disbursementRow(made.disbursementId)).toMatchObject({ status: "paid" });
    const actions = await history(made.disbursementId);
    expect(actions.filter((a) => a === "disbursement.processing")).toHaveLength(1);
    expect(actions.filter((a) => a === "disbursement.paid")).toHaveLength(1);
  }, 60_000);

  it("Stripe failing 20 % of calls (500, 429, time-outs, dropped answers): every tranche paid exactly once after retries and reconciliation", async () => {
    const grants = await Promise.all(Array.from({ length: 12 }, () => makeDueGrant({ award: 10_000_000n, due: "all", stripeAccountId: fakeAccount() })));
    const tranches = grants.flatMap((g) => g.trancheIds.map((trancheId) => ({ grantId: g.grantId, trancheId })));
    const trancheIds = tranches.map((t) => t.trancheId);
    const amounts = new Map(
      (await db.select({ id: trancheTable.id, amount: trancheTable.amount }).from(trancheTable).where(inArray(trancheTable.id, trancheIds))).map((t) => [t.id, t.amount]),
    );
    fake.failRandomly({ rate: 0.2, seed: 2026, modes: ["500", "429", "slow", "answer-late", "drop-after-work"] });

    const payTranche = async (t: { grantId: string; trancheId: string }) => {
      const prepared = await prepareDisbursement({ grantId: t.grantId, trancheId: t.trancheId, amount: amounts.get(t.trancheId)!, method: "stripe" }, preparer);
      if (!prepared.ok) throw new Error(`not prepared: ${JSON.stringify(prepared.errors)}`);
      await approveDisbursement(prepared.id, approver);
      // A double click: two pay requests for each.
      const results = await Promise.all([payByStripe(prepared.id, preparer), payByStripe(prepared.id, approver)]);
      for (const r of results) if (!r.ok) expect([409, 502]).toContain(r.status);
    };
    await Promise.all(tranches.map(payTranche));

    // Reconcile and prepare again what was not paid. Reconciliation runs once Stripe has finished
    // every request it received (in production, what the grace period waits for).
    for (let round = 0; round < 15; round++) {
      await fake.idle();
      await reconcileStripe({ graceMs: 0 });
      const rows = await db.select().from(disbursements).where(inArray(disbursements.trancheId, trancheIds));
      const open = rows.filter((r) => r.status === "processing");
      const unpaid = tranches.filter((t) => !rows.some((r) => r.trancheId === t.trancheId && ["paid", "processing"].includes(r.status)));
      if (open.length === 0 && unpaid.length === 0) break;
      await Promise.all(unpaid.map(payTranche));
    }
    fake.stopFailing();

    const rows = await db.select().from(disbursements).where(inArray(disbursements.trancheId, trancheIds));
    expect(rows.filter((r) => r.status === "processing")).toEqual([]);
    for (const t of tranches) {
      const paid = rows.filter((r) => r.trancheId === t.trancheId && r.status === "paid");
      expect(paid, `tranche ${t.trancheId}`).toHaveLength(1);
      expect(paid[0].amount).toBe(amounts.get(t.trancheId));
    }
    // At Stripe: exactly one transfer per paid disbursement, none for the others.
    for (const row of rows) {
      const transfers = fake.transfersFor(row.id);
      expect(transfers, `${row.status} disbursement ${row.id}`).toHaveLength(row.status === "paid" ? 1 : 0);
      if (row.status === "paid") expect(row.stripeTransferId).toBe(transfers[0].id);
    }
    // Fully paid, every grant is still active: close-out waits for its final reports (issue 14).
    const statuses = await db.select({ status: grantTable.status }).from(grantTable).where(inArray(grantTable.id, grants.map((g) => g.grantId)));
    expect(statuses.every((g) => g.status === "active")).toBe(true);
    // The run met the failures it is about.
    const modes = new Set(fake.requests.map((r) => r.failure).filter(Boolean));
    expect(modes.size, [...modes].join(", ")).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
