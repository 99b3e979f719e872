import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, stripeEvents } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { get, startServer, type TestServer } from "../../testing/fixtures";
import { seeded, StripeFake, type FakeEvent } from "../../testing/stripe-fake";
import { makeActor } from "../../testing/factories";
import type { Actor } from "../../kernel/actor";
import { approvedStripeDisbursement, disbursementRow, history } from "../../testing/factories";
import { payByStripe } from "./stripe-payment.server";

// Stripe's webhooks at /webhooks/stripe, signed by the stripe library's own test helper and sent
// over HTTP to the real app: bad signatures refused with nothing written, repeats answered 200
// with nothing done twice, events in any order ending in the same state.

let fake: StripeFake;
let server: TestServer;
let preparer: Actor;
let approver: Actor;
let hook: string;

beforeAll(async () => {
  fake = await StripeFake.start();
  server = await startServer({ env: fake.env({ timeoutMs: 800, retries: 1 }) });
  hook = `${server.url}/webhooks/stripe`;
  [preparer, approver] = await Promise.all([makeActor(["finance"]), makeActor(["finance"])]);
});
afterAll(async () => {
  await server.close();
  await fake.close();
});
beforeEach(() => fake.stopFailing());

/**
 * A disbursement Stripe has paid while our side never heard the answer: it stays "processing",
 * and its transfer's events wait in the fake.
 */
async function paidUnheard() {
  const made = await approvedStripeDisbursement({ preparer, approver });
  fake.failNext("drop-after-work", "500", "500", "500");
  const answer = await payByStripe(made.disbursementId, preparer);
  fake.stopFailing();
  // Unknown to us, unless the fake's own webhook (when sent) got there first.
  if (!fake.webhookUrl) expect(answer).toMatchObject({ ok: false, status: 502 });
  const [transfer] = fake.transfersFor(made.disbursementId);
  const created = fake.events.find((e) => e.type === "transfer.created" && e.data.object.id === transfer.id)!;
  return { ...made, transfer, created };
}

const eventsOf = (transferId: string) => fake.events.filter((e) => e.data.object.id === transferId);

async function writes() {
  const [events] = await db.select({ n: count() }).from(stripeEvents);
  const [audit] = await db.select({ n: count() }).from(auditLog);
  return { events: events.n, audit: audit.n };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const random = seeded(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe(`Stripe webhooks (${currentDatabase().driver})`, () => {
  it("takes POST only", async () => {
    const response = await get(hook);
    expect(response.status).toBe(405);
  });

  it("refuses a missing, forged, stale or tampered signature with 400, writing nothing", async () => {
    const { disbursementId, created } = await paidUnheard();
    const before = await writes();
    const body = JSON.stringify(created);
    const answers = await Promise.all([
      fake.deliver(created, { url: hook, signature: null }),
      fake.deliver(created, { url: hook, secret: "whsec_someoneelse" }),
      fake.deliver(created, { url: hook, signature: "t=1,v1=deadbeef" }),
      // Stripe's tolerance is 300 s: a delivery signed 301 s ago is a replay.
      fake.deliver(created, { url: hook, timestamp: Math.floor(Date.now() / 1000) - 301 }),
      // Signed for one body, sent with another.
      fake.deliver(created, { url: hook, signature: fake.sign(body), body: body.replace(created.data.object.id, "tr_forged") }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await writes()).toEqual(before);
    expect((await disbursementRow(disbursementId)).status).toBe("processing");
  });

  it("transfer.created marks it paid, recording the event in the same transaction; a repeat answers 200 and does nothing", async () => {
    const { disbursementId, transfer, created } = await paidUnheard();
    const first = await fake.deliver(created, { url: hook });
    expect(first.status).toBe(200);
    expect(await disbursementRow(disbursementId)).toMatchObject({ status: "paid", stripeTransferId: transfer.id });
    const [recorded] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, created.id));
    expect(recorded.type).toBe("transfer.created");

    const before = await writes();
    const again = await fake.deliver(created, { url: hook });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("duplicate");
    expect(await writes()).toEqual(before);
    expect(await history(disbursementId)).toEqual(["disbursement.prepared", "disbursement.approved", "disbursement.processing", "disbursement.paid"]);
  });

  it("the fake sends Stripe's events itself, as Stripe does: the transfer whose answer was lost is marked paid by its webhook", async () => {
    fake.webhookUrl = hook;
    try {
      const { disbursementId, transfer } = await paidUnheard();
      await fake.settled();
      expect(await disbursementRow(disbursementId)).toMatchObject({ status: "paid", stripeTransferId: transfer.id });
      expect(await history(disbursementId)).toEqual(["disbursement.prepared", "disbursement.approved", "disbursement.processing", "disbursement.paid"]);
    } finally {
      fake.webhookUrl = undefined;
    }
  });

  it("every event three times in shuffled order, one by one or all at once: the same end state as in order", async () => {
    const outcomes = [];
    for (const [seed, together] of [
      [0, false],
      [7, false],
      [2026, true],
    ] as const) {
      const { disbursementId, transfer } = await paidUnheard();
      fake.reverse(transfer.id);
      const events = eventsOf(transfer.id);
      expect(events.map((e) => e.type).sort()).toEqual(["transfer.created", "transfer.reversed", "transfer.updated"]);
      const deliveries: FakeEvent[] = seed === 0 ? events : shuffled([...events, ...events, ...events], seed);
      if (together) {
        const answers = await Promise.all(deliveries.map((e) => fake.deliver(e, { url: hook })));
        expect(answers.map((a) => a.status).every((s) => s === 200)).toBe(true);
      } else {
        for (const e of deliveries) expect((await fake.deliver(e, { url: hook })).status).toBe(200);
      }
      const row = await disbursementRow(disbursementId);
      outcomes.push({ status: row.status, transfer: row.stripeTransferId === transfer.id, message: row.failureMessage?.split("?")[0], history: await history(disbursementId) });
      const recorded = await db.select().from(stripeEvents);
      for (const e of events) expect(recorded.filter((r) => r.id === e.id)).toHaveLength(1);
    }
    expect(outcomes[0]).toEqual({
      status: "reversed",
      transfer: true,
      message: "payments.failure.reversed",
      history: ["disbursement.prepared", "disbursement.approved", "disbursement.processing", "disbursement.paid", "disbursement.reversed"],
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  }, 60_000);

  it("a reversal of a paid transfer shows finance Stripe's word; a partial one is flagged, the payment kept", async () => {
    const full = await approvedStripeDisbursement({ preparer, approver });
    expect(await payByStripe(full.disbursementId, preparer)).toEqual({ ok: true, status: "paid" });
    const [transfer] = fake.transfersFor(full.disbursementId);
    fake.reverse(transfer.id);
    const reversed = eventsOf(transfer.id).find((e) => e.type === "transfer.reversed")!;
    expect((await fake.deliver(reversed, { url: hook })).status).toBe(200);
    expect(await disbursementRow(full.disbursementId)).toMatchObject({ status: "reversed", failureMessage: `payments.failure.reversed?transfer=${transfer.id}` });

    const part = await approvedStripeDisbursement({ preparer, approver });
    expect(await payByStripe(part.disbursementId, preparer)).toEqual({ ok: true, status: "paid" });
    const [partTransfer] = fake.transfersFor(part.disbursementId);
    fake.reverse(partTransfer.id, 1_000_000);
    const updated = eventsOf(partTransfer.id).find((e) => e.type === "transfer.updated")!;
    expect((await fake.deliver(updated, { url: hook })).status).toBe(200);
    const row = await disbursementRow(part.disbursementId);
    expect(row.status).toBe("paid");
    expect(row.failureMessage).toBe(`payments.failure.partlyReversed?transfer=${partTransfer.id}&reversed=1000000`);
  });

  it("events that are not about our transfers are recorded and answered 200", async () => {
    const { transfer, created } = await paidUnheard();
    const stranger: FakeEvent = { ...created, id: `evt_other_${Date.now()}`, data: { object: { ...transfer, id: "tr_elsewhere", metadata: {} } } };
    const payout = { ...created, id: `evt_payout_${Date.now()}`, type: "payout.paid" };
    const before = await writes();
    expect((await fake.deliver(stranger, { url: hook })).status).toBe(200);
    expect((await fake.deliver(payout, { url: hook })).status).toBe(200);
    expect(await writes()).toEqual({ events: before.events + 2, audit: before.audit });
  });

  it("when handling fails the answer is 500, so Stripe sends it again, and nothing is recorded", async () => {
    const { disbursementId, created } = await paidUnheard();
    // PostgreSQL cannot store a NUL character: the transaction fails whole.
    const broken = { ...created, id: `evt_\u0000${Date.now()}` };
    const before = await writes();
    const answer = await fake.deliver(broken, { url: hook });
    expect(answer.status).toBe(500);
    expect(await writes()).toEqual(before);
    expect((await disbursementRow(disbursementId)).status).toBe("processing");
    // Stripe's next try of the real event goes through.
    expect((await fake.deliver(created, { url: hook })).status).toBe(200);
    expect((await disbursementRow(disbursementId)).status).toBe("paid");
  });
});
