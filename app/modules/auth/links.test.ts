import { count, desc, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, outbox, passwordResets, sessions, userRoles, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { cookiesFrom, get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { startSmtpFake, type SmtpFake } from "../../testing/smtp-fake";
import { dispatchOutbox } from "../notifications/dispatch.server";

// Invitation and password-reset links: sent through the outbox, usable once, then dead, and
// readable only by their recipient: the outbox, which admins read, holds them masked.

let server: TestServer;
let smtp: SmtpFake;
let adminCookie: string;
beforeAll(async () => {
  server = await startServer();
  smtp = await startSmtpFake();
  const admin = await makeUser(["admin"], { name: "Quản Trị" });
  adminCookie = await logInOver(server, admin.email);
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

async function lastMailTo(address: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(desc(outbox.createdAt)).limit(1);
  return row;
}

/** Sends what waits in the outbox over SMTP and returns the text the recipient got last. */
async function receivedBy(address: string): Promise<string> {
  await dispatchOutbox(nodemailer.createTransport(smtp.url));
  const mail = smtp.received.filter((m) => m.to.includes(address)).at(-1);
  if (!mail) throw new Error(`no mail reached ${address}`);
  return mail.decoded;
}

function linkIn(text: string, prefix: string): string {
  const match = text.match(new RegExp(`https?://[^\\s\\]]+${prefix}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${prefix} link in: ${text}`);
  return `/${prefix}/${match[1]}`.replace(/^\/\//, "/");
}

describe("staff invitations", () => {
  it("an admin invites; the e-mail carries a link that creates the account with its roles, once", async () => {
    const invite = await postForm(
      `${server.url}/admin/users/invite`,
      { name: "Đinh Văn Khải", email: "Khai@Partner.org", roles: ["reviewer", "finance"] },
      { cookie: adminCookie },
    );
    expect(invite.status).toBe(200);
    expect(await invite.text()).toContain("Đã gửi lời mời đến khai@partner.org.");
    const mail = await lastMailTo("khai@partner.org");
    expect(mail.subject).toBe("Lời mời tham gia Gieo");
    expect(mail.html).toContain("Quản Trị");
    const path = linkIn(await receivedBy("khai@partner.org"), "invitations");

    const page = await get(`${server.url}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Thành viên hội đồng xét duyệt, Tài chính");

    const accept = await postForm(`${server.url}${path}`, { name: "Đinh Văn Khải", password: "mat-khau-moi-1" });
    expect(accept.status).toBe(302);
    const home = await (await get(`${server.url}/`, cookiesFrom(accept))).text();
    expect(home).toContain("Đinh Văn Khải");
    const [user] = await db.select().from(users).where(eq(users.email, "khai@partner.org"));
    const roles = (await db.select().from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role).sort();
    expect(roles).toEqual(["finance", "reviewer"]);

    const again = await postForm(`${server.url}${path}`, { name: "Someone Else", password: "mat-khau-moi-2" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Lời mời này đã hết hạn hoặc đã được dùng.");
    expect((await get(`${server.url}${path}`)).status).toBe(410);
  });

  it("refuses an expired invitation", async () => {
    await postForm(`${server.url}/admin/users/invite`, { name: "Hết Hạn", email: "late@partner.org", roles: "reviewer" }, { cookie: adminCookie });
    const path = linkIn(await receivedBy("late@partner.org"), "invitations");
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, "late@partner.org"));
    const response = await postForm(`${server.url}${path}`, { name: "Hết Hạn", password: "mat-khau-moi-1" });
    expect(response.status).toBe(410);
    expect((await db.select({ n: count() }).from(users).where(eq(users.email, "late@partner.org")))[0].n).toBe(0);
  });

  it("refuses bad invitations with field messages and writes nothing", async () => {
    const before = (await db.select({ n: count() }).from(invitations))[0].n;
    const cases: [Record<string, string | string[]>, string][] = [
      [{ name: "A", email: "not-an-email", roles: "reviewer" }, "Địa chỉ e-mail chưa đúng"],
      [{ name: "A", email: "a@partner.org" }, "Chọn ít nhất một vai trò."],
      [{ name: "A", email: "a@partner.org", roles: "applicant" }, "Giá trị này không hợp lệ."],
      [{ name: "A", email: "a@partner.org", roles: "superuser" }, "Giá trị này không hợp lệ."],
      [{ name: "A", email: "khai@partner.org", roles: "reviewer" }, "E-mail này đã có tài khoản."],
    ];
    for (const [fields, message] of cases) {
      const response = await postForm(`${server.url}/admin/users/invite`, fields, { cookie: adminCookie });
      expect(response.status, message).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect((await db.select({ n: count() }).from(invitations))[0].n).toBe(before);
  });
});

describe("password reset", () => {
  it("works once, ends every session of the account, and expires", async () => {
    const user = await makeUser(["facilitator"], { name: "Mã Thị Hồng" });
    const oldSession = await logInOver(server, user.email);

    const request = await postForm(`${server.url}/forgot-password`, { identifier: user.email });
    expect(await request.text()).toContain("Nếu có tài khoản dùng e-mail này");
    const path = linkIn(await receivedBy(user.email), "reset-password");

    const mismatch = await postForm(`${server.url}${path}`, { password: "mat-khau-moi-1", confirm: "khac-nhau-1" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("Hai mật khẩu chưa giống nhau.");

    const reset = await postForm(`${server.url}${path}`, { password: "mat-khau-moi-1", confirm: "mat-khau-moi-1" });
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain("Đã đổi mật khẩu.");
    expect((await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)))[0].n).toBe(0);
    expect(await (await get(`${server.url}/`, oldSession)).text()).not.toContain("Mã Thị Hồng");
    await logInOver(server, user.email, "mat-khau-moi-1");

    const reuse = await postForm(`${server.url}${path}`, { password: "mat-khau-moi-2", confirm: "mat-khau-moi-2" });
    expect(reuse.status).toBe(410);
    expect(await reuse.text()).toContain("Đường dẫn này đã hết hạn hoặc đã được dùng.");
    await logInOver(server, user.email, "mat-khau-moi-1");

    await postForm(`${server.url}/forgot-password`, { identifier: user.email });
    const second = linkIn(await receivedBy(user.email), "reset-password");
    await db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, user.id));
    expect(await (await get(`${server.url}${second}`)).text()).toContain("Đường dẫn này đã hết hạn hoặc đã được dùng.");
    const expired = await postForm(`${server.url}${second}`, { password: "mat-khau-moi-3", confirm: "mat-khau-moi-3" });
    expect(expired.status).toBe(410);
    await logInOver(server, user.email, "mat-khau-moi-1");
  });

  it("sends nothing to a disabled account", async () => {
    const user = await makeUser(["reviewer"]);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    await postForm(`${server.url}/forgot-password`, { identifier: user.email });
    expect(await lastMailTo(user.email)).toBeUndefined();
  });
});

describe("admin user management", () => {
  it("changes roles with an audit of before and after, and disabling ends the user's sessions", async () => {
    const user = await makeUser(["reviewer"], { name: "Người Được Sửa" });
    const userCookie = await logInOver(server, user.email);
    const roles = await postForm(`${server.url}/admin/users`, { intent: "roles", userId: user.id, roles: ["reviewer", "finance"] }, { cookie: adminCookie });
    expect(roles.status).toBe(200);
    const current = (await db.select().from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role).sort();
    expect(current).toEqual(["finance", "reviewer"]);

    const disable = await postForm(`${server.url}/admin/users`, { intent: "status", userId: user.id, disabled: "true" }, { cookie: adminCookie });
    expect(disable.status).toBe(200);
    expect(await (await get(`${server.url}/`, userCookie)).text()).not.toContain("Người Được Sửa");
    const again = await postForm(`${server.url}/login`, { identifier: user.email, password: user.password });
    expect(again.status).toBe(403);
  });

  it("does not let an admin lock herself out, and refuses forged fields", async () => {
    const me = await makeUser(["admin"]);
    const cookie = await logInOver(server, me.email);
    const lockout = await postForm(`${server.url}/admin/users`, { intent: "status", userId: me.id, disabled: "true" }, { cookie });
    expect(lockout.status).toBe(400);
    expect(await lockout.text()).toContain("Bạn không thể khoá");
    const demote = await postForm(`${server.url}/admin/users`, { intent: "roles", userId: me.id, roles: "reviewer" }, { cookie });
    expect(demote.status).toBe(400);
    const forged = await postForm(`${server.url}/admin/users`, { intent: "roles", userId: "not-a-uuid", roles: "reviewer" }, { cookie });
    expect(forged.status).toBe(400);
  });
});

describe("links for their recipient only (the outbox an admin reads holds them masked)", () => {
  it("an admin reading /admin/outbox finds no working link; the recipient's e-mail has one", async () => {
    const finance = await makeUser(["finance"], { name: "Tài Chính Hai" });
    await postForm(`${server.url}/forgot-password`, { identifier: finance.email });
    await postForm(`${server.url}/admin/users/invite`, { name: "Người Mới", email: "moi@partner.org", roles: "finance" }, { cookie: adminCookie });

    // Everything an admin can read: the list and each message's page.
    const list = await (await get(`${server.url}/admin/outbox`, adminCookie)).text();
    const ids = [...new Set([...list.matchAll(/\/admin\/outbox\/([0-9a-f-]{36})/g)].map((m) => m[1]))];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    let pages = list;
    for (const id of ids) pages += await (await get(`${server.url}/admin/outbox/${id}`, adminCookie)).text();
    expect(pages).toContain("/reset-password/__link-masked__");
    expect(pages).toContain("/invitations/__link-masked__");
    // Every link-shaped path on those pages leads nowhere: used as the recipient would, it is refused.
    const paths = [...new Set([...pages.matchAll(/\/(?:reset-password|invitations)\/[A-Za-z0-9_-]+/g)].map((m) => m[0]))];
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const path of paths) {
      const fields: Record<string, string> = path.startsWith("/reset-password/")
        ? { password: "chiem-quyen-1", confirm: "chiem-quyen-1" }
        : { name: "Kẻ Chiếm Quyền", password: "chiem-quyen-1" };
      expect((await postForm(`${server.url}${path}`, fields)).status, path).toBe(410);
    }

    // The stored message holds neither the token nor the live link; only its sealed secret.
    const [resetRow] = await db.select().from(outbox).where(eq(outbox.toAddress, finance.email));
    expect(resetRow.secretEnc).toMatch(/^v2:/);

    // The recipients' e-mails carry working links, and once sent the secret is forgotten.
    const resetPath = linkIn(await receivedBy(finance.email), "reset-password");
    const invitePath = linkIn(await receivedBy("moi@partner.org"), "invitations");
    for (const path of [resetPath, invitePath]) {
      const token = path.split("/")[2];
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = JSON.stringify(await db.select().from(outbox));
      expect(stored).not.toContain(token);
    }
    expect((await get(`${server.url}${invitePath}`)).status).toBe(200);
    const [sent] = await db.select().from(outbox).where(eq(outbox.toAddress, finance.email));
    expect(sent.status).toBe("sent");
    expect(sent.secretEnc).toBeNull();
    // Tokens are stored hashed: the database holds no copy of the token in any table.
    const resetToken = resetPath.split("/")[2];
    expect(JSON.stringify(await db.select().from(passwordResets))).not.toContain(resetToken);
    expect(JSON.stringify(await db.select().from(invitations))).not.toContain(invitePath.split("/")[2]);

    // The recipient resets her password with it.
    const reset = await postForm(`${server.url}${resetPath}`, { password: "mat-khau-moi-9", confirm: "mat-khau-moi-9" });
    expect(reset.status).toBe(200);
  });
});
