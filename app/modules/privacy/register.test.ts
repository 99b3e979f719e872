import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, breaches, breachUpdates } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeActiveGrant, makeGroup, makeMembers } from "../../testing/factories";
import { get, person, postForm, rejection, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { breachState } from "./breaches.server";

// The register of processing (from the configuration, exportable), the breach log (its 72-hour
// clock, append-only history) and one member's file for staff on request.

let server: TestServer;
let admin: Person;

beforeAll(async () => {
  server = await startServer({ env: { HOSTING_PROVIDER: "Viettel IDC", HOSTING_COUNTRY: "VN", BACKUP_PROVIDER: "Backblaze B2", BACKUP_COUNTRY: "US" } });
  admin = await person(server, ["admin"]);
});
afterAll(() => server.close());

describe("the register of processing", () => {
  it("lists purposes, sensitive data, retention and recipients with their countries, and exports them", async () => {
    const page = await (await get(`${server.url}/admin/privacy`, admin.cookie)).text();
    expect(page).toContain("<title>Sổ đăng ký xử lý dữ liệu cá nhân · Gieo</title>");
    expect(page).toContain("dân tộc (nhạy cảm)");
    expect(page).toContain("tài khoản ngân hàng (nhạy cảm)");
    expect(page).toContain("Viettel IDC");
    expect(page).toContain("eSMS.vn");

    const json = (await (await get(`${server.url}/admin/privacy/register.json`, admin.cookie)).json()) as {
      purposes: { purpose: string; kinds: { kind: string; sensitive: boolean }[]; retentionMonths: number | null; recipients: string[] }[];
      recipients: { key: string; name: string | null; country: string | null; crossBorder: boolean }[];
    };
    const application = json.purposes.find((p) => p.purpose === "application")!;
    expect(application.kinds).toContainEqual({ kind: "ethnicity", sensitive: true });
    expect(application.retentionMonths).toBe(36);
    expect(json.purposes.find((p) => p.purpose === "payments")).toMatchObject({ retentionMonths: 12, recipients: expect.arrayContaining(["stripe"]) });
    expect(json.recipients.find((r) => r.key === "backups")).toMatchObject({ name: "Backblaze B2", country: "US", crossBorder: true });
    expect(json.recipients.find((r) => r.key === "stripe")).toMatchObject({ country: "US", crossBorder: true });
    expect(json.recipients.find((r) => r.key === "hosting")).toMatchObject({ country: "VN", crossBorder: false });
    expect(JSON.stringify(json)).not.toMatch(/sk_test|whsec|password/i);

    const csv = await get(`${server.url}/admin/privacy/register.csv`, admin.cookie);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Xét hồ sơ xin tài trợ");
    expect(text).toContain("Backblaze B2");

    const finance = await person(server, ["finance"]);
    expect((await get(`${server.url}/admin/privacy/register.json`, finance.cookie)).status).toBe(403);
  });

  it("the retention page refuses a bad period with a message and writes nothing", async () => {
    const before = (await db.select({ n: count() }).from(auditLog))[0].n;
    const bad = await postForm(`${server.url}/admin/privacy/retention`, { intent: "save", bank_account: "0", unfunded_group: "36", correction_reason: "abc" }, { cookie: admin.cookie });
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).toContain("Thời hạn lưu trữ dữ liệu cá nhân");
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
    const good = await postForm(`${server.url}/admin/privacy/retention`, { intent: "save", bank_account: "18", unfunded_group: "36", correction_reason: "24" }, { cookie: admin.cookie });
    expect(good.status).toBe(200);
    expect(await good.text()).toContain("Đã lưu thời hạn lưu trữ.");
    const applied = await postForm(`${server.url}/admin/privacy/retention`, { intent: "apply" }, { cookie: admin.cookie });
    expect(await applied.text()).toContain("Đã áp dụng thời hạn lưu trữ.");
  });
});

describe("the breach log", () => {
  it("records a breach with its 72-hour deadline and appends updates; the rows cannot be changed", async () => {
    const detected = new Date(Date.now() - 80 * 3600_000);
    const vn = new Date(detected.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
    const recorded = await postForm(`${server.url}/admin/privacy/breaches`, { summary: "Một máy tính xách tay có bảng tính danh sách thành viên bị mất.", detectedAt: vn }, { cookie: admin.cookie });
    expect(recorded.status).toBe(302);
    const url = `${server.url}${recorded.headers.get("Location")}`;
    const page = await (await get(url, admin.cookie)).text();
    expect(page).toMatch(/Quá hạn \d+ giờ/);

    const future = new Date(Date.now() + 48 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 16);
    const refused = await postForm(`${server.url}/admin/privacy/breaches`, { summary: "Thử", detectedAt: future }, { cookie: admin.cookie });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Thời điểm phát hiện không thể ở tương lai.");
    expect((await postForm(`${server.url}/admin/privacy/breaches`, { summary: "", detectedAt: "31/02/2026 08:00" }, { cookie: admin.cookie })).status).toBe(400);
    expect((await db.select({ n: count() }).from(breaches))[0].n).toBe(1);

    expect((await postForm(url, { kind: "action", text: "Đã khoá tài khoản và đổi mật khẩu." }, { cookie: admin.cookie })).status).toBe(302);
    expect((await postForm(url, { kind: "authority_notified", text: "Đã gửi mẫu thông báo cho A05." }, { cookie: admin.cookie })).status).toBe(302);
    expect((await postForm(url, { kind: "authority_notified", text: "Lần nữa" }, { cookie: admin.cookie })).status).toBe(409);
    expect((await postForm(url, { kind: "bogus", text: "x" }, { cookie: admin.cookie })).status).toBe(400);
    const after = await (await get(url, admin.cookie)).text();
    expect(after).toContain("Đã thông báo cơ quan chức năng lúc");
    expect(after).toContain("Đã khoá tài khoản và đổi mật khẩu.");
    expect((await db.select({ n: count() }).from(breachUpdates))[0].n).toBe(2);
    expect((await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "privacy.breach_updated")))[0].n).toBe(2);

    expect(await rejection(db.execute(sql`update breaches set summary = 'khác'`))).toMatch(/append-only/);
    expect(await rejection(db.execute(sql`delete from breach_updates`))).toMatch(/append-only/);
  });

  it("computes the deadline 72 hours after detection, time left and overdue", () => {
    const detected = new Date("2027-01-01T00:00:00Z");
    expect(breachState(detected, [], new Date("2027-01-02T00:00:00Z"))).toMatchObject({ deadline: new Date("2027-01-04T00:00:00Z"), left: 48 * 3600_000 });
    expect(breachState(detected, [], new Date("2027-01-05T00:00:00Z")).left).toBe(-24 * 3600_000);
    expect(breachState(detected, [{ kind: "authority_notified", at: new Date("2027-01-02T00:00:00Z") }], new Date("2027-01-05T00:00:00Z"))).toMatchObject({ left: null });
  });
});

describe("one member's file for staff", () => {
  it("an admin downloads one member's data, logged; a member asked through another group is refused and nothing is written", async () => {
    const recorder = await person(server, ["facilitator"]);
    const grant = await makeActiveGrant({ recorderId: recorder.id, members: 2 });
    const other = await makeGroup({ leaderName: "Hờ Thị Dính" });
    await makeMembers(other.id, recorder.id, [{ name: "Người khác", gender: "female", role: "" }]);
    const [her] = grant.memberIds;
    const file = await postForm(`${server.url}/admin/groups/${grant.groupId}/members/${her}/download.html`, {}, { cookie: admin.cookie });
    expect(file.status).toBe(200);
    const html = await file.text();
    expect(html).toContain("Thành viên 1");
    expect(html).not.toContain("Thành viên 2");
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "privacy.member_exported"));
    expect(audit).toMatchObject({ actorId: admin.id, entityId: her });
    expect(JSON.stringify(audit.data)).not.toContain("Thành viên");

    const before = (await db.select({ n: count() }).from(auditLog))[0].n;
    expect((await postForm(`${server.url}/admin/groups/${other.id}/members/${her}/download.html`, {}, { cookie: admin.cookie })).status).toBe(404);
    expect((await postForm(`${server.url}/admin/groups/${grant.groupId}/members/${her}/download.html`, {}, { cookie: recorder.cookie })).status).toBe(403);
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
  });
});
