import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { reloadEnv } from "../../infra/env.server";
import { smsCallbackUrl } from "../../infra/sms.server";
import { makeUser, startServer, type TestServer } from "../../testing/fixtures";
import { startEsmsFake, startZaloFake, type PhoneFake, type PhoneFakeOptions } from "../../testing/phone-fakes";
import { dispatchOutbox } from "./dispatch.server";
import { outboxSummary, tell, type Recipient } from "./notifications.server";
import { setPreferences, type PhoneChannel } from "./preferences.server";

// The app's real server (for the providers' delivery callbacks), the eSMS and Zalo fakes speaking
// their real HTTP APIs, and the dispatcher that the jobs runner calls: nothing of ours is mocked.

let server: TestServer;
let sms: PhoneFake;
let zalo: PhoneFake;
const zaloOptions: PhoneFakeOptions = { accessToken: "zalo-token", appId: "1234", oaSecret: "oa-secret", holdMs: 5000 };

const settings = (url: { sms: string; zalo: string; app: string }) => ({
  ESMS_API_KEY: "esms-key",
  ESMS_SECRET_KEY: "esms-secret",
  ESMS_API_URL: url.sms,
  ZALO_ACCESS_TOKEN: "zalo-token",
  ZALO_APP_ID: "1234",
  ZALO_OA_SECRET: "oa-secret",
  ZALO_TEMPLATES: "money-sent=5001,code-login=5002,report-approved=5003",
  ZALO_API_URL: url.zalo,
  APP_URL: url.app,
  PHONE_TIMEOUT_MS: "2000",
});

beforeAll(async () => {
  sms = await startEsmsFake({ apiKey: "esms-key", secretKey: "esms-secret", holdMs: 5000 });
  zalo = await startZaloFake(zaloOptions);
  server = await startServer();
  zaloOptions.webhookUrl = `${server.url}/webhooks/zalo`;
  Object.assign(process.env, settings({ sms: sms.url, zalo: zalo.url, app: server.url }));
  reloadEnv();
});

afterAll(async () => {
  await Promise.all([server?.close(), sms?.close(), zalo?.close()]);
});

beforeEach(async () => {
  await db.delete(outbox);
  sms.messages.length = 0;
  zalo.messages.length = 0;
  sms.receipts.length = 0;
  zalo.receipts.length = 0;
  zalo.notOnZalo.clear();
});

/** The next moment after now at this time of day in Viet Nam (UTC+7): messages queued now are due. */
function nextInVietNam(hour: number, minute = 0): Date {
  const at = new Date();
  at.setUTCHours(hour - 7, minute, 0, 0);
  while (at.getTime() <= Date.now()) at.setTime(at.getTime() + 24 * 3_600_000);
  return at;
}

// Noon in Viet Nam: outside the quiet hours.
const NOON = nextInVietNam(12);
let phones = 0;

async function leader(channel: PhoneChannel): Promise<Recipient> {
  const phone = `+8498${String(1_000_000 + ++phones + Math.floor(Math.random() * 8_000_000)).padStart(7, "0")}`;
  const made = await makeUser(["applicant"], { phone, name: "Lò Thị Mai" });
  await db.transaction((tx) => setPreferences(tx, made.id, { phoneChannel: channel, email: false }));
  return { userId: made.id, name: "Lò Thị Mai", email: null, phone, locale: "vi" };
}

function moneySent(to: Recipient[]) {
  return db.transaction((tx) =>
    tell(tx, {
      to,
      inApp: { messageKey: "disbursements.notice.paid", params: { amount: "5.000.000 ₫", position: "1", title: "Sa nhân" } },
      phone: { text: "money-sent", params: () => ({ amount: "5.000.000 ₫", words: "năm triệu đồng", group: "Hoa Ban" }) },
    }),
  );
}

async function rows() {
  return db.select().from(outbox).orderBy(outbox.createdAt);
}

async function until(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("phone notices", () => {
  it("go by Zalo to a leader who chose it, once, and the delivery event marks them delivered", async () => {
    const mai = await leader("zalo");
    await moneySent([mai]);
    const [queued] = await rows();
    expect(queued).toMatchObject({ channel: "zalo", toAddress: mai.phone!.slice(1), status: "pending", template: "money-sent" });
    expect(queued.params).toEqual({ amount: "5.000.000 ₫", words: "năm triệu đồng", group: "Hoa Ban" });

    expect(await dispatchOutbox(null, { now: NOON })).toMatchObject({ sent: 1 });
    expect(await dispatchOutbox(null, { now: NOON })).toMatchObject({ sent: 0 });
    expect(zalo.messages).toHaveLength(1);
    expect(zalo.messages[0]).toMatchObject({ ref: queued.id, template: "5001", phone: mai.phone!.slice(1) });
    expect(sms.messages).toHaveLength(0);
    await until(async () => (await rows())[0].status === "delivered" && zalo.receipts.length > 0);
    expect(zalo.receipts).toEqual([{ ref: queued.id, status: 200 }]);
  });

  it("fall back to SMS when Zalo refuses (not a Zalo user, template refused, provider down), never both", async () => {
    for (const refusal of ["not-zalo-user", "template-refused", "500", "429"] as const) {
      await db.delete(outbox);
      sms.messages.length = 0;
      zalo.messages.length = 0;
      const mai = await leader("zalo");
      await moneySent([mai]);
      zalo.failNext(refusal);
      const first = await dispatchOutbox(null, { now: NOON });
      expect(first, refusal).toMatchObject({ fellBack: 1 });
      await dispatchOutbox(null, { now: NOON });
      const [zaloRow, smsRow] = await rows();
      expect(zaloRow, refusal).toMatchObject({ channel: "zalo", status: "failed" });
      expect(smsRow, refusal).toMatchObject({ channel: "sms", fallbackOf: zaloRow.id });
      expect(zalo.messages, refusal).toHaveLength(0);
      expect(sms.messages, refusal).toHaveLength(1);
      expect(sms.messages[0].text).toContain("5.000.000");
      await until(async () => (await rows())[1].status === "delivered");
    }
  });

  it("do not fall back when Zalo did not answer: it may have arrived, and she never gets both", async () => {
    const mai = await leader("zalo");
    await moneySent([mai]);
    zalo.failNext("answer-late");
    expect(await dispatchOutbox(null, { now: NOON })).toMatchObject({ failed: 1, fellBack: 0 });
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0].lastError).toMatch(/may have arrived/);
    expect(sms.messages).toHaveLength(0);
  });

  it("go by SMS when she chose it, retried after a 500, a 429 or no answer, and sent once", async () => {
    const mai = await leader("sms");
    await moneySent([mai]);
    sms.failNext("500");
    expect(await dispatchOutbox(null, { now: NOON })).toMatchObject({ retried: 1 });
    const later = new Date(NOON.getTime() + 60_000);
    sms.failNext("429");
    expect(await dispatchOutbox(null, { now: later })).toMatchObject({ retried: 1 });
    // The provider takes it but its answer never comes: tried again with the same RequestId,
    // which eSMS refuses to send twice, and then marked sent.
    sms.failNext("answer-late");
    const evenLater = new Date(later.getTime() + 2 * 60_000);
    expect(await dispatchOutbox(null, { now: evenLater })).toMatchObject({ retried: 1 });
    expect(sms.messages).toHaveLength(1);
    expect(await dispatchOutbox(null, { now: new Date(evenLater.getTime() + 4 * 60_000) })).toMatchObject({ sent: 1 });
    expect(sms.messages).toHaveLength(1);
    const [row] = await rows();
    expect(row.attempts).toBe(4);
    expect(row.providerRef).toBe(sms.messages[0].id);
    // "năm triệu đồng" keeps its marks (two UCS-2 segments, within the budget of three).
    expect(row.segments).toBe(2);
  });

  it("are sent once when the process dies between the provider's answer and the commit", async () => {
    const mai = await leader("sms");
    await moneySent([mai]);
    // The message reached eSMS, then the process died before recording it: the row stays "sending".
    const [row] = await rows();
    await db.update(outbox).set({ status: "sending", attempts: 1, nextAttemptAt: NOON }).where(eq(outbox.id, row.id));
    const answer = await fetch(`${sms.url}/MainService.svc/json/SendMultipleMessage_V4_post_json/`, {
      method: "POST",
      body: JSON.stringify({ ApiKey: "esms-key", SecretKey: "esms-secret", Phone: row.toAddress, Content: row.text, RequestId: row.id }),
    });
    expect(((await answer.json()) as { CodeResult: string }).CodeResult).toBe("100");
    // Fifteen minutes on, another dispatcher finds it stuck and sends it again: eSMS knows the RequestId.
    const after = new Date(NOON.getTime() + 16 * 60_000);
    expect(await dispatchOutbox(null, { now: after })).toMatchObject({ sent: 1 });
    expect(sms.messages).toHaveLength(1);
    expect((await rows())[0].status).toBe("sent");
  });

  it("are each sent once by two dispatchers running at once", async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => leader(i % 2 ? "sms" : "zalo")));
    await moneySent(people);
    const [a, b] = await Promise.all([dispatchOutbox(null, { now: NOON }), dispatchOutbox(null, { now: NOON })]);
    expect(a.sent + b.sent).toBe(8);
    expect(sms.messages).toHaveLength(4);
    expect(zalo.messages).toHaveLength(4);
    expect(new Set([...sms.messages, ...zalo.messages].map((m) => m.ref)).size).toBe(8);
  });

  it("wait for the morning between 21:00 and 07:00; one-time codes do not", async () => {
    const mai = await leader("sms");
    await moneySent([mai]);
    await db.transaction((tx) =>
      tell(tx, { to: [mai], phone: { text: "code-login", params: () => ({ minutes: "5" }), code: "424242" } }),
    );
    const night = nextInVietNam(23, 30);
    expect(await dispatchOutbox(null, { now: night })).toMatchObject({ sent: 1 });
    // The code went first by Zalo (its template is approved), the notice waits.
    expect(zalo.messages.map((m) => m.params?.code)).toEqual(["424242"]);
    expect(sms.messages).toHaveLength(0);
    const dawn = new Date(night.getTime() + (7 * 60 + 29) * 60_000); // 06:59
    expect(await dispatchOutbox(null, { now: dawn })).toMatchObject({ sent: 0 });
    const morning = new Date(night.getTime() + 7.5 * 3_600_000); // 07:00
    expect(await dispatchOutbox(null, { now: morning })).toMatchObject({ sent: 1 });
    expect(sms.messages).toHaveLength(1);
  });

  it("keep a one-time code out of the stored message, and forget it once sent", async () => {
    const mai = await leader("none");
    await db.transaction((tx) => tell(tx, { to: [mai], phone: { text: "code-login", params: () => ({ minutes: "5" }), code: "135790" } }));
    const [queued] = await rows();
    // She asked for the code: it goes by phone though she chose no phone notices (Zalo first).
    expect(queued.channel).toBe("zalo");
    expect(JSON.stringify(queued)).not.toContain("135790");
    await dispatchOutbox(null, { now: NOON });
    expect(zalo.messages[0].params?.code).toBe("135790");
    const [sent] = await rows();
    expect(sent.secretEnc).toBeNull();
  });

  it("reach nobody by phone who has not agreed, nor on a channel that is off", async () => {
    const none = await leader("none");
    await moneySent([none]);
    expect(await rows()).toHaveLength(0);
    const mai = await leader("zalo");
    const unset = { ...process.env };
    delete process.env.ESMS_API_KEY;
    delete process.env.ZALO_ACCESS_TOKEN;
    reloadEnv();
    try {
      await moneySent([mai]);
      expect(await rows()).toHaveLength(0);
    } finally {
      Object.assign(process.env, unset);
      reloadEnv();
    }
    // Zalo without the notice's template: SMS.
    const sa = await leader("zalo");
    await db.transaction((tx) =>
      tell(tx, { to: [sa], phone: { text: "report-overdue", params: () => ({ group: "Hoa Ban", report: "Tháng 6", date: "30/06/2027" }) } }),
    );
    expect((await rows()).map((r) => r.channel)).toEqual(["sms"]);
  });

  it("refuse forged and replayed delivery receipts, writing nothing", async () => {
    const mai = await leader("sms");
    await moneySent([mai]);
    await dispatchOutbox(null, { now: NOON });
    const [row] = await rows();
    await until(async () => (await rows())[0].status === "delivered");
    const deliveredAt = (await rows())[0].deliveredAt;

    // Another message's signature, or none: refused.
    const genuine = new URL(smsCallbackUrl(row.id));
    const forged = new URL(genuine);
    forged.searchParams.set("ref", "00000000-0000-4000-8000-000000000000");
    const undelivered = JSON.stringify({ SMSID: sms.messages[0].id, SendStatus: 2 });
    const refusedAs = async (answer: Promise<Response>) => {
      const response = await answer;
      return `${response.status} ${await response.text()}`;
    };
    expect(await refusedAs(fetch(forged, { method: "POST", body: undelivered }))).toBe("400 signature does not match");
    const unsigned = new URL(genuine);
    unsigned.searchParams.delete("sig");
    expect(await refusedAs(fetch(unsigned, { method: "POST", body: undelivered }))).toBe("400 signature does not match");
    // The genuine address again, with another status: the message is settled, nothing changes.
    const replay = await fetch(genuine, { method: "POST", body: undelivered });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe("already recorded");
    const [after] = await rows();
    expect(after.status).toBe("delivered");
    expect(after.deliveredAt).toEqual(deliveredAt);

    // Zalo: an event whose signature does not match its body.
    const event = JSON.stringify({ app_id: "1234", event_name: "user_received_message", timestamp: "1", message: { msg_id: "x", tracking_id: row.id } });
    const zaloAnswer = fetch(`${server.url}/webhooks/zalo`, { method: "POST", body: event, headers: { "X-ZEvent-Signature": "mac=00" } });
    expect(await refusedAs(zaloAnswer)).toBe("400 signature does not match");
    expect((await fetch(`${server.url}/webhooks/zalo`, { method: "POST", body: "not json" })).status).toBe(400);
  });

  it("count the SMS segments sent this month for the outbox page", async () => {
    const people = await Promise.all([leader("sms"), leader("sms")]);
    await moneySent(people);
    await dispatchOutbox(null, { now: NOON });
    const summary = await outboxSummary();
    expect(summary.segmentsThisMonth).toBe(4);
    expect(summary.byState.filter((s) => s.channel === "sms").reduce((n, s) => n + s.n, 0)).toBe(2);
  });
});
