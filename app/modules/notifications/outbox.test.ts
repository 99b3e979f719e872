import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { startSmtpFake, type ReceivedMail, type SmtpFake } from "../../testing/smtp-fake";
import { backoffMs, dispatchOutbox, MAX_ATTEMPTS } from "./dispatch.server";
import { address, tell } from "./notifications.server";

// A real SMTP server on a local port (app/testing/smtp-fake.ts): the dispatcher talks SMTP to it
// exactly as it would to the organisation's mail server.

let smtp: SmtpFake;
let received: ReceivedMail[];

beforeAll(async () => {
  smtp = await startSmtpFake();
  received = smtp.received;
});

afterAll(() => smtp.close());

beforeEach(async () => {
  received.length = 0;
  smtp.refuseNext(0);
  await db.delete(outbox);
});

const transport = () => nodemailer.createTransport(smtp.url);

async function queueReset(to: string) {
  await db.transaction((tx) =>
    tell(tx, {
      to: address({ name: "Mai", email: to, locale: "vi" }),
      email: { template: "password-reset", props: () => ({ name: "Mai", link: "http://localhost:3000/reset-password/abc", minutes: 60 }) },
    }),
  );
}

describe("outbox dispatcher", () => {
  it("sends a queued message over SMTP once, in Vietnamese, with text and HTML parts", async () => {
    await queueReset("mai@gieo.test");
    const first = await dispatchOutbox(transport());
    const second = await dispatchOutbox(transport());
    expect(first.sent).toBe(1);
    expect(second.sent).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["mai@gieo.test"]);
    expect(received[0].raw).toContain("text/html");
    expect(received[0].raw).toContain("text/plain");
    const [row] = await db.select().from(outbox);
    expect(row.status).toBe("sent");
    expect(row.sentAt).not.toBeNull();
  });

  it("writes nothing when the transaction that queued it rolls back", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tell(tx, { to: address({ name: "X", email: "x@gieo.test", locale: "en" }), email: { template: "invitation", props: () => ({ name: "X", inviterName: "Y", link: "http://l/i/t" }) } });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.select().from(outbox)).toHaveLength(0);
  });

  it("retries a refused message with growing back-off, then gives up and says so", async () => {
    await queueReset("busy@gieo.test");
    smtp.refuseNext(1);
    const start = new Date();
    expect((await dispatchOutbox(transport(), { now: start })).retried).toBe(1);
    let [row] = await db.select().from(outbox);
    expect(row.status).toBe("pending");
    expect(row.lastError).toContain("mailbox busy");
    expect(row.nextAttemptAt.getTime()).toBe(start.getTime() + backoffMs(1));
    // Not due yet: nothing happens.
    expect((await dispatchOutbox(transport(), { now: start })).sent).toBe(0);
    // Due: it goes.
    const later = new Date(start.getTime() + backoffMs(1));
    expect((await dispatchOutbox(transport(), { now: later })).sent).toBe(1);
    expect(received).toHaveLength(1);

    await db.delete(outbox);
    await queueReset("never@gieo.test");
    smtp.refuseNext(MAX_ATTEMPTS);
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await dispatchOutbox(transport(), { now });
      now = new Date(now.getTime() + backoffMs(i + 1));
    }
    [row] = await db.select().from(outbox);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
  });

  it("never sends twice when two dispatchers run at once", async () => {
    for (let i = 0; i < 6; i++) await queueReset(`many-${i}@gieo.test`);
    const results = await Promise.all([dispatchOutbox(transport()), dispatchOutbox(transport())]);
    expect(results[0].sent + results[1].sent).toBe(6);
    expect(received.map((r) => r.to[0]).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `many-${i}@gieo.test`).sort());
  });

  it("marks a message left 'sending' by a dead process as failed instead of sending it again", async () => {
    await queueReset("stuck@gieo.test");
    await db.update(outbox).set({ status: "sending", nextAttemptAt: new Date(Date.now() - 60 * 60 * 1000) });
    await dispatchOutbox(transport());
    const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, "stuck@gieo.test"));
    expect(row.status).toBe("failed");
    expect(received).toHaveLength(0);
  });
});
