import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupMembers } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { addMemberOver, countRows, registerOver, validMember } from "./testing/helpers";
import { groupSummary } from "./groups.server";

// The member roster: personal data of vulnerable people, changed only by the group's people,
// read also by admins, and every change audited with who acted for whom.

let server: TestServer;
const users: Record<string, { id: string; cookie: string }> = {};
let groupA: string;
let groupB: string;
let groupF: string;

beforeAll(async () => {
  server = await startServer();
  const people: [string, Parameters<typeof makeUser>[0]][] = [
    ["leaderA", ["applicant"]],
    ["leaderB", ["applicant"]],
    ["facilitator", ["facilitator"]],
    ["admin", ["admin"]],
    ["reviewer", ["reviewer"]],
    ["finance", ["finance"]],
  ];
  for (const [key, roles] of people) {
    const user = await makeUser(roles, { name: `Người ${key}` });
    users[key] = { id: user.id, cookie: await logInOver(server, user.email) };
  }
  groupA = await registerOver(server, users.leaderA.cookie, { name: "Nhóm A" });
  groupB = await registerOver(server, users.leaderB.cookie, { name: "Nhóm B" });
  groupF = await registerOver(server, users.facilitator.cookie, { name: "Nhóm F", province: "quang-ngai" });
});
afterAll(() => server.close());

async function membersOf(groupId: string) {
  return db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId)).orderBy(groupMembers.createdAt);
}

async function lastAudit(action: string) {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe("adding, editing and removing members", () => {
  it("the leader adds a member; the server records who took her consent", async () => {
    const response = await postForm(`${server.url}/groups/${groupA}/members/new`, validMember(), { cookie: users.leaderA.cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/groups/${groupA}/members?done=added`);
    const [member] = await membersOf(groupA);
    expect(member).toMatchObject({
      name: "Sùng Thị Dế",
      gender: "female",
      ethnicityCode: "08",
      birthYear: 1985,
      role: "member",
      consentGivenOn: "2025-03-01",
      consentMethod: "signed",
      consentWitness: null,
      consentRecordedBy: users.leaderA.id,
    });
    expect(await lastAudit("group.member_added")).toMatchObject({
      actorId: users.leaderA.id,
      onBehalfOf: null,
      entityId: member.id,
      data: { groupId: groupA },
    });
    const page = await (await get(`${server.url}/groups/${groupA}/members?done=added`, users.leaderA.cookie)).text();
    expect(page).toContain("Đã thêm thành viên.");
    expect(page).toContain("Sùng Thị Dế");
    expect(page).toContain("Mông");
    expect(page).toContain("Đồng ý ngày 01/03/2025, ký tên, do Người leaderA ghi lại.");
  });

  it("a facilitator adds members for her group: oral consent with a witness, and “prefer not to say”", async () => {
    await addMemberOver(server, users.facilitator.cookie, groupF, {
      name: "Y Hơ Len",
      ethnicity: "14",
      role: "leader",
      consentMethod: "oral_witnessed",
      consentWitness: "A Thắng, trưởng thôn",
    });
    await addMemberOver(server, users.facilitator.cookie, groupF, { name: "Y Blúp", ethnicity: "none", consentWitness: "ignored when signed" });
    const [first, second] = await membersOf(groupF);
    expect(first).toMatchObject({ ethnicityCode: "14", consentMethod: "oral_witnessed", consentWitness: "A Thắng, trưởng thôn", consentRecordedBy: users.facilitator.id });
    expect(second).toMatchObject({ ethnicityCode: null, consentMethod: "signed", consentWitness: null });
    const audit = await lastAudit("group.member_added");
    expect(audit).toMatchObject({ actorId: users.facilitator.id, onBehalfOf: `group:${groupF}`, entityId: second.id });
    const page = await (await get(`${server.url}/groups/${groupF}/members`, users.facilitator.cookie)).text();
    expect(page).toContain("Xơ-đăng");
    expect(page).toContain("Không muốn nói");
    expect(page).toContain("Người làm chứng: A Thắng, trưởng thôn.");
  });

  it("edits are audited by field name; changing the consent makes the editor its recorder", async () => {
    const [member] = await membersOf(groupA);
    const form = await get(`${server.url}/groups/${groupA}/members/${member.id}`, users.leaderA.cookie);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="Sùng Thị Dế"');

    const role = await postForm(`${server.url}/groups/${groupA}/members/${member.id}`, validMember({ role: "leader" }), { cookie: users.leaderA.cookie });
    expect(role.status).toBe(302);
    expect((await membersOf(groupA))[0]).toMatchObject({ role: "leader", consentRecordedBy: users.leaderA.id });
    expect((await lastAudit("group.member_updated")).data).toEqual({ groupId: groupA, changed: ["role"] });

    // A facilitator linked to group A later corrects the consent date.
    await postForm(`${server.url}/groups/${groupA}/facilitators`, { intent: "link", userId: users.facilitator.id }, { cookie: users.admin.cookie });
    const consent = await postForm(
      `${server.url}/groups/${groupA}/members/${member.id}`,
      validMember({ role: "leader", consentGivenOn: "02/03/2025" }),
      { cookie: users.facilitator.cookie },
    );
    expect(consent.status).toBe(302);
    expect((await membersOf(groupA))[0]).toMatchObject({ consentGivenOn: "2025-03-02", consentRecordedBy: users.facilitator.id });
    expect(await lastAudit("group.member_updated")).toMatchObject({
      actorId: users.facilitator.id,
      onBehalfOf: `group:${groupA}`,
      data: { groupId: groupA, changed: ["consentGivenOn"] },
    });
  });

  it("a member is removed by a POST, audited", async () => {
    await addMemberOver(server, users.leaderA.cookie, groupA, { name: "Người sẽ rời nhóm" });
    const leaving = (await membersOf(groupA)).find((m) => m.name === "Người sẽ rời nhóm")!;
    const response = await postForm(`${server.url}/groups/${groupA}/members/${leaving.id}`, { intent: "remove" }, { cookie: users.leaderA.cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/groups/${groupA}/members?done=removed`);
    expect((await membersOf(groupA)).map((m) => m.name)).toEqual(["Sùng Thị Dế"]);
    expect(await lastAudit("group.member_removed")).toMatchObject({ actorId: users.leaderA.id, entityId: leaving.id });
    // Removing again: the member is gone.
    const again = await postForm(`${server.url}/groups/${groupA}/members/${leaving.id}`, { intent: "remove" }, { cookie: users.leaderA.cookie });
    expect(again.status).toBe(404);
  });
});

describe("bad member input is refused with a message in Vietnamese, and nothing is written", () => {
  const thisYear = new Date().getFullYear();
  const cases: [string, Record<string, string>, string][] = [
    ["unknown ethnicity code", { ethnicity: "99" }, "Hãy chọn một dân tộc trong danh sách, hoặc “Không muốn nói”."],
    ["ethnicity by name", { ethnicity: "Mông" }, "Giá trị này không hợp lệ."],
    ["no ethnicity answer", { ethnicity: "" }, "Vui lòng điền mục này."],
    ["birth year out of range", { birthYear: "1800" }, `Hãy nhập một số từ 1900 đến ${thisYear}.`],
    ["birth year in the future", { birthYear: String(thisYear + 1) }, `Hãy nhập một số từ 1900 đến ${thisYear}.`],
    ["10,000-character name", { name: "Dế".repeat(5_000) }, "Quá dài: tối đa 120 ký tự."],
    ["NUL byte", { name: "Sùng\u0000Thị Dế" }, "Có ký tự không hợp lệ."],
    ["unknown gender", { gender: "x" }, "Giá trị này không hợp lệ."],
    ["unknown role", { role: "boss" }, "Giá trị này không hợp lệ."],
    ["oral consent without a witness", { consentMethod: "oral_witnessed", consentWitness: "" }, "Đồng ý bằng lời cần có tên người làm chứng."],
    ["consent dated tomorrow", { consentGivenOn: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) }, "Ngày đồng ý không thể sau hôm nay."],
    ["consent date not a date", { consentGivenOn: "31/02/x" }, "Ngày chưa đúng."],
    // A day the calendar does not have: it used to reach PostgreSQL and come back a 500.
    ["consent on 30 February", { consentGivenOn: "2025-02-30" }, "Ngày chưa đúng."],
    ["consent on 29/02 of a common year", { consentGivenOn: "29/02/2025" }, "Ngày chưa đúng."],
    ["extra consentRecordedBy field", { consentRecordedBy: "00000000-0000-0000-0000-000000000000" }, "Biểu mẫu có mục không được phép."],
    ["extra groupId field", { groupId: "00000000-0000-0000-0000-000000000000" }, "Biểu mẫu có mục không được phép."],
  ];

  it.each(cases)("adding: %s", async (_label, overrides, message) => {
    const before = [await countRows(groupMembers), await countRows(auditLog)];
    const response = await postForm(`${server.url}/groups/${groupB}/members/new`, validMember(overrides), { cookie: users.leaderB.cookie });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect([await countRows(groupMembers), await countRows(auditLog)]).toEqual(before);
  });

  it("editing: the same checks, and the member is unchanged", async () => {
    const [member] = await membersOf(groupF);
    const audits = await countRows(auditLog);
    for (const [label, overrides, message] of cases) {
      const response = await postForm(`${server.url}/groups/${groupF}/members/${member.id}`, validMember(overrides), {
        cookie: users.facilitator.cookie,
      });
      expect(response.status, label).toBe(400);
      expect(await response.text(), label).toContain(message);
    }
    expect((await membersOf(groupF))[0]).toEqual(member);
    expect(await countRows(auditLog)).toBe(audits);
  });
});

describe("who sees and changes the roster", () => {
  it("leader B reaches nothing of group A's roster, whichever id she changes", async () => {
    const [memberA] = await membersOf(groupA);
    const cookie = users.leaderB.cookie;
    for (const path of [`/groups/${groupA}/members`, `/groups/${groupA}/members/new`, `/groups/${groupA}/members/${memberA.id}`, `/groups/${groupB}/members/${memberA.id}`]) {
      const response = await get(`${server.url}${path}`, cookie);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain("Sùng Thị Dế");
    }
    const before = [await countRows(groupMembers), await countRows(auditLog)];
    const posts: [string, Record<string, string>][] = [
      [`/groups/${groupA}/members/new`, validMember({ name: "Kẻ lạ" })],
      [`/groups/${groupA}/members/${memberA.id}`, validMember({ name: "Bị sửa" })],
      [`/groups/${groupB}/members/${memberA.id}`, validMember({ name: "Bị sửa" })],
      [`/groups/${groupA}/members/${memberA.id}`, { intent: "remove" }],
      [`/groups/${groupB}/members/${memberA.id}`, { intent: "remove" }],
    ];
    for (const [path, fields] of posts) {
      const response = await postForm(`${server.url}${path}`, fields, { cookie });
      expect(response.status, path).toBe(404);
    }
    expect([await countRows(groupMembers), await countRows(auditLog)]).toEqual(before);
    expect((await membersOf(groupA))[0].name).toBe("Sùng Thị Dế");
  });

  it("reviewers and finance see no member's data; admins read the roster but do not change it", async () => {
    for (const who of ["reviewer", "finance"] as const) {
      const response = await get(`${server.url}/groups/${groupA}/members`, users[who].cookie);
      expect(response.status, who).toBe(403);
      expect(await response.text(), who).not.toContain("Sùng Thị Dế");
    }
    const admin = await get(`${server.url}/groups/${groupA}/members`, users.admin.cookie);
    expect(admin.status).toBe(200);
    const html = await admin.text();
    expect(html).toContain("Sùng Thị Dế");
    expect(html).not.toContain(`/groups/${groupA}/members/new`);
    const [memberA] = await membersOf(groupA);
    expect((await get(`${server.url}/groups/${groupA}/members/new`, users.admin.cookie)).status).toBe(403);
    const post = await postForm(`${server.url}/groups/${groupA}/members/${memberA.id}`, { intent: "remove" }, { cookie: users.admin.cookie });
    expect(post.status).toBe(403);
    expect(await membersOf(groupA)).toHaveLength(1);
  });

  it("nobody signed out sees a roster", async () => {
    const response = await get(`${server.url}/groups/${groupA}/members`);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("groupSummary, for the eligibility check", () => {
  it("counts members, women and ethnic groups, and finds a woman leader only in a female member whose role is leader", async () => {
    const group = await registerOver(server, users.facilitator.cookie, { name: "Nhóm để đếm" });
    expect(await groupSummary(group)).toEqual({ members: 0, women: 0, ethnicGroups: 0, hasWomanLeader: false, womenMajority: false });

    await addMemberOver(server, users.facilitator.cookie, group, { name: "Anh Trưởng", gender: "male", role: "leader", ethnicity: "09" });
    await addMemberOver(server, users.facilitator.cookie, group, { name: "Chị Một", gender: "female", role: "member", ethnicity: "09" });
    expect(await groupSummary(group)).toEqual({ members: 2, women: 1, ethnicGroups: 1, hasWomanLeader: false, womenMajority: false });

    await addMemberOver(server, users.facilitator.cookie, group, { name: "Chị Hai", gender: "female", role: "leader", ethnicity: "none" });
    await addMemberOver(server, users.facilitator.cookie, group, { name: "Chị Ba", gender: "female", role: "treasurer", ethnicity: "02" });
    expect(await groupSummary(group)).toEqual({ members: 4, women: 3, ethnicGroups: 2, hasWomanLeader: true, womenMajority: true });

    const page = await (await get(`${server.url}/groups/${group}`, users.facilitator.cookie)).text();
    expect(page).toContain("4 thành viên, trong đó 3 phụ nữ; 2 dân tộc.");
    expect(page).toContain("Nhóm có trưởng nhóm là phụ nữ.");
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.action, "group.member_added"), eq(auditLog.onBehalfOf, `group:${group}`)));
    expect(rows).toHaveLength(4);
  });
});
