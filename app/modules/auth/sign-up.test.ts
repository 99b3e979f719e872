import { count, desc, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, signUps, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { cookiesFrom, get, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { startSmtpFake, type SmtpFake } from "../../testing/smtp-fake";
import { dispatchOutbox } from "../notifications/dispatch.server";

// Registering with an e-mail address: the account waits for a link sent there, so the form answers
// alike whether or not the address has an account, and nobody learns who is registered from it.

let server: TestServer;
let smtp: SmtpFake;
beforeAll(async () => {
  server = await startServer();
  smtp = await startSmtpFake();
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const register = (fields: Record<string, string>) => postForm(`${server.url}/register`, fields);

async function lastMailTo(address: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(desc(outbox.createdAt)).limit(1);
  return row;
}

async function confirmationPath(address: string): Promise<string> {
  await dispatchOutbox(nodemailer.createTransport(smtp.url));
  const mail = smtp.received.filter((m) => m.to.includes(address)).at(-1);
  const match = mail?.decoded.match(/https?:\/\/[^\s\]]+(\/register\/confirm\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no confirmation link reached ${address}`);
  return match[1];
}

const userCount = async () => (await db.select({ n: count() }).from(users))[0].n;

describe("registration with an e-mail address", () => {
  it("answers the same for a new address and for one with an account, and tells each owner by e-mail", async () => {
    const owner = await makeUser(["applicant"], { email: "da-co@nhom.vn", name: "Sùng Thị Pàng" });
    const before = await userCount();

    const fresh = await register({ name: "Mùa Thị Dế", email: "Moi@Nhom.vn", phone: "", password: "mat-khau-123" });
    const taken = await register({ name: "Ai Đó", email: owner.email, phone: "", password: "mat-khau-456" });
    for (const response of [fresh, taken]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/register/sent");
      expect(cookiesFrom(response)).toBe("");
    }
    // No account yet for the new address; none for the taken one; the owner's password unchanged.
    expect(await userCount()).toBe(before);
    const page = await get(`${server.url}/register/sent`);
    expect(page.status).toBe(200);
    const sent = await page.text();
    expect(sent).toContain("Hãy xem e-mail của bạn");
    expect(sent).toContain("<title>Hãy xem e-mail của bạn · Gieo</title>");

    const confirm = await lastMailTo("moi@nhom.vn");
    expect(confirm.template).toBe("sign-up-confirm");
    // The outbox, which admins read, holds the link masked.
    expect(confirm.html).not.toMatch(/register\/confirm\/[A-Za-z0-9_-]{20,}/);
    const told = await lastMailTo(owner.email);
    expect(told.template).toBe("sign-up-exists");
    expect(told.subject).toBe("Bạn đã có tài khoản Gieo");
    expect(await db.select().from(signUps).where(eq(signUps.email, owner.email))).toHaveLength(0);
  });

  it("creates the account only when the link is used, signs her in, and the link works once", async () => {
    const before = await userCount();
    await register({ name: "Lò Thị Xuân", email: "xuan@nhom.vn", phone: "0977 555 101", password: "mat-khau-xuan" });
    const path = await confirmationPath("xuan@nhom.vn");

    // Opening the link (a mail scanner does) creates nothing.
    const opened = await get(`${server.url}${path}`);
    expect(opened.status).toBe(200);
    const openedHtml = await opened.text();
    expect(openedHtml).toContain("Bấm nút dưới đây để tạo tài khoản cho Lò Thị Xuân.");
    expect(openedHtml).toContain("<title>Hoàn tất đăng ký · Gieo</title>");
    expect(await userCount()).toBe(before);

    const confirmed = await postForm(`${server.url}${path}`, {});
    expect(confirmed.status).toBe(302);
    const home = await (await get(`${server.url}/`, cookiesFrom(confirmed))).text();
    expect(home).toContain("Đang đăng nhập: Lò Thị Xuân");
    const [user] = await db.select().from(users).where(eq(users.email, "xuan@nhom.vn"));
    expect(user.phone).toBe("+84977555101");
    // She logs in with the password she chose at sign-up.
    const login = await postForm(`${server.url}/login`, { identifier: "0977555101", password: "mat-khau-xuan", redirectTo: "/" });
    expect(login.status).toBe(302);
    const [row] = await db.select().from(signUps).where(eq(signUps.email, "xuan@nhom.vn"));
    expect(row.userId).toBe(user.id);
    expect(row.passwordHash).toBe("");

    const again = await postForm(`${server.url}${path}`, {});
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Đường dẫn này đã hết hạn hoặc đã được dùng.");
    expect(await userCount()).toBe(before + 1);
  });

  it("refuses an expired link and a made-up one, and writes nothing", async () => {
    await register({ name: "Hết Hạn", email: "muon@nhom.vn", password: "mat-khau-123" });
    const path = await confirmationPath("muon@nhom.vn");
    await db.update(signUps).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signUps.email, "muon@nhom.vn"));
    const before = await userCount();
    for (const target of [path, "/register/confirm/no-such-token"]) {
      expect((await get(`${server.url}${target}`)).status).toBe(410);
      expect((await postForm(`${server.url}${target}`, {})).status).toBe(410);
    }
    expect(await userCount()).toBe(before);
  });

  it("says plainly when the address found an account between sign-up and confirmation", async () => {
    await register({ name: "Chậm Chân", email: "cham@nhom.vn", password: "mat-khau-123" });
    const path = await confirmationPath("cham@nhom.vn");
    await makeUser(["applicant"], { email: "cham@nhom.vn" });
    const before = await userCount();
    const confirmed = await postForm(`${server.url}${path}`, {});
    expect(confirmed.status).toBe(409);
    expect(await confirmed.text()).toContain("vừa được dùng cho một tài khoản khác");
    expect(await userCount()).toBe(before);
  });

  it("still names a phone number that has an account, as a leader without e-mail needs", async () => {
    await makeUser(["applicant"], { phone: "+84977555202" });
    const response = await register({ name: "Hai Số", email: "hai-so@nhom.vn", phone: "0977 555 202", password: "mat-khau-123" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Số điện thoại này đã có tài khoản.");
    expect(await db.select().from(signUps).where(eq(signUps.email, "hai-so@nhom.vn"))).toHaveLength(0);
  });
});
