import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, oneTimeCodes, outbox, sessions } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { reloadEnv } from "../../infra/env.server";
import { cookiesFrom, get, makeUser, postForm, startServer } from "../../testing/fixtures";
import { startEsmsFake, type PhoneFake } from "../../testing/phone-fakes";
import { dispatchOutbox } from "../notifications/dispatch.server";
import { CODE_LIMITS, CODE_TRIES } from "./codes.server";

// Log-in and password reset by one-time code, over real HTTP, with the codes read from the eSMS
// fake as her phone would show them. The server trusts the loopback proxy so that each test
// speaks from addresses of its own (the limits count per number and per address).

let url: string;
let close: () => Promise<void>;
let sms: PhoneFake;

beforeAll(async () => {
  sms = await startEsmsFake();
  Object.assign(process.env, { ESMS_API_KEY: "k", ESMS_SECRET_KEY: "s", ESMS_API_URL: sms.url, PHONE_TIMEOUT_MS: "3000" });
  delete process.env.ZALO_ACCESS_TOKEN;
  reloadEnv();
  const server = await startServer({ trustProxy: "loopback" });
  url = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
  await sms.close();
});
beforeEach(() => {
  sms.messages.length = 0;
});

let octet = 10;
const newAddress = () => `198.18.${Math.floor(octet / 250)}.${octet++ % 250}`;
let serial = 0;
const newPhone = () => `09${String(10_000_000 + ++serial * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;
const stored = (phone: string) => `+84${phone.slice(1)}`;

const post = (route: string, fields: Record<string, string>, from: string, cookie?: string) =>
  postForm(`${url}${route}`, fields, { headers: { "X-Forwarded-For": from, ...(cookie ? { Cookie: cookie } : {}) } });

/** Sends what waits, and reads the last code that reached this phone. */
async function codeOnPhone(phone: string): Promise<string> {
  await dispatchOutbox(null);
  const texts = sms.messages.filter((m) => m.phone === stored(phone).slice(1)).map((m) => m.text);
  const code = texts.at(-1)?.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code reached ${phone}: ${JSON.stringify(texts)}`);
  return code;
}

async function leader(phone = newPhone()) {
  const made = await makeUser(["applicant"], { phone: stored(phone), name: "Lò Thị Mai" });
  return { ...made, phone };
}

const audits = async (action: string) => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0].n;

describe(`one-time codes (${currentDatabase().driver})`, () => {
  it("log her in: the code reaches her phone by SMS, works once, and starts a session", async () => {
    const mai = await leader();
    const from = newAddress();
    // Written as people write it: spaces and dots, or with +84.
    const asked = await post("/login/code", { intent: "send", phone: mai.phone.replace(/^(\d{4})(\d{3})(\d{3})$/, "$1.$2 $3"), redirectTo: "/" }, from);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Nếu số này có tài khoản, mã đã được gửi");
    const code = await codeOnPhone(mai.phone);
    // One segment at most, so without its marks (a code text is sent often; each segment is billed).
    expect(sms.messages.at(-1)!.text).toMatch(/^Gieo: Ma dang nhap cua ban la \d{6}, dung trong 5 phut/);
    // The outbox an admin reads never holds the code.
    const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, stored(mai.phone).slice(1)));
    expect(row.text).not.toContain(code);

    const loggedIn = await post("/login/code", { intent: "verify", phone: `+84 ${mai.phone.slice(1)}`, code: `${code.slice(0, 3)} ${code.slice(3)}`, redirectTo: "/applications" }, from);
    expect(loggedIn.status).toBe(302);
    expect(loggedIn.headers.get("location")).toBe("/applications");
    const home = await get(`${url}/`, cookiesFrom(loggedIn));
    expect(await home.text()).toContain("Lò Thị Mai");

    // Replayed: spent.
    const again = await post("/login/code", { intent: "verify", phone: mai.phone, code, redirectTo: "/" }, from);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Mã không đúng hoặc đã hết hạn");
  });

  it("answer the same whether or not the number has an account, and send nothing for a stranger", async () => {
    const from = newAddress();
    const stranger = newPhone();
    const known = await leader();
    const answers = await Promise.all(
      [stranger, known.phone].map(async (phone) => {
        const response = await post("/login/code", { intent: "send", phone, redirectTo: "/" }, from);
        return [response.status, (await response.text()).replace(/value="[^"]*"/g, "").replace(/nonce="[^"]*"/g, "").replace(/\\"[+\d]{9,}\\"/g, "")];
      }),
    );
    expect(answers[0][0]).toBe(answers[1][0]);
    await dispatchOutbox(null);
    expect(sms.messages.map((m) => m.phone)).toEqual([stored(known.phone).slice(1)]);
    // A code typed for the stranger's number is simply wrong.
    const guess = await post("/login/code", { intent: "verify", phone: stranger, code: "123456", redirectTo: "/" }, from);
    expect(guess.status).toBe(400);
  });

  it("end a code after five wrong tries, refuse an expired one and one for another number", async () => {
    const mai = await leader();
    const other = await leader();
    const from = newAddress();
    await post("/login/code", { intent: "send", phone: mai.phone, redirectTo: "/" }, from);
    const code = await codeOnPhone(mai.phone);
    // Her code, typed with another account's number.
    expect((await post("/login/code", { intent: "verify", phone: other.phone, code, redirectTo: "/" }, from)).status).toBe(400);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < CODE_TRIES; i++) {
      expect((await post("/login/code", { intent: "verify", phone: mai.phone, code: wrong, redirectTo: "/" }, from)).status).toBe(400);
    }
    // The sixth try, with the right code: too late, the code is spent.
    expect((await post("/login/code", { intent: "verify", phone: mai.phone, code, redirectTo: "/" }, from)).status).toBe(400);
    expect(await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, mai.id))).toEqual([{ n: 0 }]);

    await post("/login/code", { intent: "send", phone: mai.phone, redirectTo: "/" }, newAddress());
    const fresh = await codeOnPhone(mai.phone);
    await db.update(oneTimeCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(oneTimeCodes.userId, mai.id)));
    expect((await post("/login/code", { intent: "verify", phone: mai.phone, code: fresh, redirectTo: "/" }, from)).status).toBe(400);
  });

  it("refuse malformed and foreign numbers with a clear message, and send nothing", async () => {
    const from = newAddress();
    for (const phone of ["12345", "+1 415 555 0100", "024 3825 1234", "0123456789", "09x2345678"]) {
      const response = await post("/login/code", { intent: "send", phone, redirectTo: "/" }, from);
      expect(response.status, phone).toBe(400);
      expect(await response.text(), phone).toContain("Cần số di động Việt Nam");
    }
    await dispatchOutbox(null);
    expect(sms.messages).toHaveLength(0);
  });

  it("send at most a few codes per number and per address: 100 requests in a minute get 429s", async () => {
    const mai = await leader();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => post("/login/code", { intent: "send", phone: mai.phone, redirectTo: "/" }, newAddress()).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(CODE_LIMITS.codeNumber.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - CODE_LIMITS.codeNumber.max);
    const oneAddress = newAddress();
    const fromOne = await Promise.all(
      Array.from({ length: 100 }, () => post("/login/code", { intent: "send", phone: newPhone(), redirectTo: "/" }, oneAddress).then((r) => r.status)),
    );
    expect(fromOne.filter((s) => s === 200)).toHaveLength(CODE_LIMITS.codeAddress.max);
    await dispatchOutbox(null);
    expect(sms.messages.filter((m) => m.phone === stored(mai.phone).slice(1))).toHaveLength(CODE_LIMITS.codeNumber.max);
  });

  it("reset a forgotten password: code to her phone, new password, every session ended", async () => {
    const mai = await leader();
    const from = newAddress();
    const before = await post("/login", { identifier: mai.phone, password: mai.password, redirectTo: "/" }, from);
    expect(before.status).toBe(302);
    const asked = await post("/forgot-password", { identifier: mai.phone }, from);
    expect(await asked.text()).toContain("Nếu số này có tài khoản, mã đã được gửi");
    const code = await codeOnPhone(mai.phone);
    expect(sms.messages.at(-1)!.text).toContain("Ma dat lai mat khau");
    const mismatch = await post("/forgot-password", { intent: "reset", phone: mai.phone, code, password: "mat-khau-moi-2026", confirm: "khac" }, from);
    expect(mismatch.status).toBe(400);
    const reset = await post("/forgot-password", { intent: "reset", phone: mai.phone, code, password: "mat-khau-moi-2026", confirm: "mat-khau-moi-2026" }, from);
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain("Đã đổi mật khẩu. Hãy đăng nhập bằng mật khẩu mới.");
    expect((await get(`${url}/notifications`, cookiesFrom(before))).status).toBe(302);
    expect((await post("/login", { identifier: mai.phone, password: "mat-khau-moi-2026", redirectTo: "/" }, from)).status).toBe(302);
  });

  it("let an admin hand a leader a reset code in person, once, audited; never for a staff account", async () => {
    const mai = await leader();
    const admin = await makeUser(["admin"]);
    const finance = await makeUser(["finance"], { phone: stored(newPhone()) });
    const from = newAddress();
    const adminCookie = cookiesFrom(await post("/login", { identifier: admin.email, password: admin.password, redirectTo: "/" }, from));
    const issuedBefore = await audits("auth.reset_code_issued");
    const page = await post("/admin/users", { intent: "reset-code", userId: mai.id }, from, adminCookie);
    expect(page.status).toBe(200);
    const code = (await page.text()).match(/class="one-time-code">(\d{6})</)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect((await audits("auth.reset_code_issued")) - issuedBefore).toBe(1);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "auth.reset_code_issued"), eq(auditLog.entityId, mai.id)));
    expect(JSON.stringify(entry)).not.toContain(code!);
    // Nothing went to her phone: it is handed over.
    await dispatchOutbox(null);
    expect(sms.messages).toHaveLength(0);
    const reset = await post("/forgot-password", { intent: "reset", phone: mai.phone, code: code!, password: "mat-khau-moi-2026", confirm: "mat-khau-moi-2026" }, from);
    expect(reset.status).toBe(200);
    const [used] = await db.select().from(auditLog).where(and(eq(auditLog.action, "auth.password_reset"), eq(auditLog.entityId, mai.id)));
    expect(used.data).toEqual({ via: "handed_code" });

    const refused = await post("/admin/users", { intent: "reset-code", userId: finance.id }, from, adminCookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Không cấp mã cho tài khoản cán bộ");
  });
});
