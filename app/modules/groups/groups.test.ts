import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupFacilitators, groups } from "../../../db/schema";
import { decrypt } from "../../infra/crypto.server";
import { db } from "../../infra/db.server";
import { localeCookie } from "../../i18n/locale.server";
import { makeGroups } from "../../testing/factories";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { auditCount, countRows, registerOver, selectOptions, validGroup } from "./testing/helpers";
import { bankAccountAt } from "./groups.server";

// Registering groups, finding a province without marks, the bank account at rest and on screen,
// and who may reach which group — all over real HTTP against the built app.

let server: TestServer;
const users: Record<string, { id: string; cookie: string }> = {};

beforeAll(async () => {
  server = await startServer();
  const people: [string, Parameters<typeof makeUser>[0]][] = [
    ["leaderA", ["applicant"]],
    ["leaderB", ["applicant"]],
    ["leaderC", ["applicant"]],
    ["facilitator", ["facilitator"]],
    ["otherFacilitator", ["facilitator"]],
    ["admin", ["admin"]],
    ["reviewer", ["reviewer"]],
    ["finance", ["finance"]],
  ];
  for (const [key, roles] of people) {
    const user = await makeUser(roles, { name: `Người ${key}` });
    users[key] = { id: user.id, cookie: await logInOver(server, user.email) };
  }
});
afterAll(() => server.close());

async function groupRow(id: string) {
  const [row] = await db.select().from(groups).where(eq(groups.id, id));
  return row;
}

describe("registering a group", () => {
  it("a leader registers her own group: she owns it, the phone is normalised, the change is audited", async () => {
    const id = await registerOver(server, users.leaderA.cookie);
    const row = await groupRow(id);
    expect(row).toMatchObject({
      name: "Tổ hợp tác dệt thổ cẩm Tả Van",
      kind: "cooperative",
      provinceSlug: "lao-cai",
      yearFormed: 2019,
      phone: "+84912345678",
      ownerId: users.leaderA.id,
      createdBy: users.leaderA.id,
      bankAccountEnc: null,
    });
    expect(await countRows(groupFacilitators, eq(groupFacilitators.groupId, id))).toBe(0);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "group.registered"), eq(auditLog.entityId, id)));
    expect(audit).toMatchObject({ actorId: users.leaderA.id, onBehalfOf: null });

    const page = await get(`${server.url}/groups/${id}?done=registered`, users.leaderA.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Đã đăng ký nhóm.");
    expect(html).toContain("Bản Tả Van Dáy, Xã Bản Hồ, Lào Cai");

    const list = await (await get(`${server.url}/groups`, users.leaderA.cookie)).text();
    expect(list).toContain("Tổ hợp tác dệt thổ cẩm Tả Van");
    expect(list).not.toContain("Đăng ký nhóm của chị");
  });

  it("a leader has one group: the form sends her to it, and a second registration is refused", async () => {
    const [owned] = await db.select({ id: groups.id }).from(groups).where(eq(groups.ownerId, users.leaderA.id));
    const form = await get(`${server.url}/groups/new`, users.leaderA.cookie);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain("Chị đã đăng ký một nhóm rồi.");
    expect(page).toContain(`href="/groups/${owned.id}"`);
    expect(page).not.toContain('name="leaderName"');
    const before = await countRows(groups);
    const again = await postForm(`${server.url}/groups/new`, validGroup({ name: "Nhóm thứ hai" }), { cookie: users.leaderA.cookie });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Chị đã đăng ký một nhóm rồi.");
    expect(await countRows(groups)).toBe(before);
  });

  it("two registrations sent at once by the same leader make one group", async () => {
    const leader = await makeUser(["applicant"]);
    const cookie = await logInOver(server, leader.email);
    const responses = await Promise.all(
      [1, 2, 3].map((n) => postForm(`${server.url}/groups/new`, validGroup({ name: `Nhóm gửi cùng lúc ${n}` }), { cookie })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([302, 400, 400]);
    expect(await countRows(groups, eq(groups.ownerId, leader.id))).toBe(1);
  });

  it("a leader with no group is invited to register one", async () => {
    const list = await get(`${server.url}/groups`, users.leaderC.cookie);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Đăng ký nhóm của chị");
    expect(html).toContain('href="/groups/new"');
  });

  it("a facilitator registers a group: she is linked to it, it has no owner, and the audit says on whose behalf", async () => {
    const id = await registerOver(server, users.facilitator.cookie, {
      name: "Chi hội phụ nữ thôn Kon Brăp",
      kind: "womens_union",
      province: "quang-ngai",
      commune: "Xã Đăk Hà",
      village: "Thôn Kon Brăp",
    });
    const row = await groupRow(id);
    expect(row.ownerId).toBeNull();
    expect(row.createdBy).toBe(users.facilitator.id);
    const links = await db.select().from(groupFacilitators).where(eq(groupFacilitators.groupId, id));
    expect(links.map((l) => l.userId)).toEqual([users.facilitator.id]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "group.registered"), eq(auditLog.entityId, id)));
    expect(audit).toMatchObject({ actorId: users.facilitator.id, onBehalfOf: `group:${id}` });

    const mine = await (await get(`${server.url}/groups`, users.facilitator.cookie)).text();
    expect(mine).toContain("Chi hội phụ nữ thôn Kon Brăp");
    const theirs = await (await get(`${server.url}/groups`, users.otherFacilitator.cookie)).text();
    expect(theirs).not.toContain("Chi hội phụ nữ thôn Kon Brăp");
    expect((await get(`${server.url}/groups/${id}`, users.otherFacilitator.cookie)).status).toBe(404);

    // She can register as many groups as she supports.
    await registerOver(server, users.facilitator.cookie, { name: "Nhóm thứ hai của người hỗ trợ" });
  });

  it("edits are saved and audited with the names of the fields changed, on behalf of the group for a facilitator", async () => {
    const id = await registerOver(server, users.facilitator.cookie, { name: "Nhóm để sửa" });
    const response = await postForm(
      `${server.url}/groups/${id}/edit`,
      validGroup({ name: "Nhóm đã sửa", village: "Bản Cát Cát" }),
      { cookie: users.facilitator.cookie },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/groups/${id}?done=saved`);
    expect(await groupRow(id)).toMatchObject({ name: "Nhóm đã sửa", village: "Bản Cát Cát" });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "group.updated"), eq(auditLog.entityId, id)));
    expect(audit.onBehalfOf).toBe(`group:${id}`);
    expect(audit.data).toEqual({ changed: ["name", "village"] });
    const form = await (await get(`${server.url}/groups/${id}/edit`, users.facilitator.cookie)).text();
    expect(form).toContain('value="Nhóm đã sửa"');
    expect(selectOptions(form, "province").find((o) => o.selected)?.value).toBe("lao-cai");
  });
});

describe("finding a province without marks", () => {
  async function optionsFor(query: string) {
    const response = await get(`${server.url}/groups/new?findProvince=${encodeURIComponent(query)}`, users.leaderB.cookie);
    expect(response.status).toBe(200);
    return selectOptions(await response.text(), "province").filter((o) => o.value !== "");
  }

  it("lists the 34 units, each with what it was formed from", async () => {
    const all = await optionsFor("");
    expect(all).toHaveLength(34);
    expect(all.find((o) => o.value === "quang-ngai")?.text).toBe("Quảng Ngãi (trước đây: Kon Tum)");
    expect(all.some((o) => o.selected)).toBe(false);
  });

  it.each([
    ["kon tum", "quang-ngai", "Quảng Ngãi (trước đây: Kon Tum)"],
    ["bac giang", "bac-ninh", "Bắc Ninh (trước đây: Bắc Giang)"],
    ["lao cai", "lao-cai", "Lào Cai (trước đây: Yên Bái)"],
    ["KON TUM", "quang-ngai", "Quảng Ngãi (trước đây: Kon Tum)"],
  ])("“%s” finds the one unit it belongs to, already chosen, first of all 34", async (query, slug, text) => {
    const options = await optionsFor(query);
    expect(options[0]).toEqual({ value: slug, text, selected: true });
    // The others stay in the list below it: a search never leaves her without a way to another unit.
    expect(options).toHaveLength(34);
  });

  it("searched without JavaScript, keeps everything typed in the form and saves nothing", async () => {
    const before = await db.select({ n: count() }).from(groups);
    const typed = validGroup({ name: "Nhóm đang gõ dở", province: "", findProvince: "kon tum", searchProvince: "yes" });
    const response = await postForm(`${server.url}/groups/new`, typed, { cookie: users.leaderB.cookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="Nhóm đang gõ dở"');
    expect(html).toContain('value="Xã Bản Hồ"');
    expect(html).toContain('value="kon tum"');
    expect(selectOptions(html, "province").find((o) => o.selected)?.value).toBe("quang-ngai");
    expect(await db.select({ n: count() }).from(groups)).toEqual(before);
  });

  it("shows every unit, with a message, when nothing matches", async () => {
    const response = await get(`${server.url}/groups/new?findProvince=paris`, users.leaderB.cookie);
    const html = await response.text();
    expect(html).toContain("Không tìm thấy “paris”");
    expect(selectOptions(html, "province").filter((o) => o.value)).toHaveLength(34);
  });

  it("the English page names units in English and still finds them by their Vietnamese names", async () => {
    const language = (await localeCookie.serialize("en")).split(";")[0];
    const response = await get(`${server.url}/groups/new?findProvince=${encodeURIComponent("bắc giang")}`, `${users.leaderB.cookie}; ${language}`);
    const html = await response.text();
    expect(html).toContain("Find a province or city");
    expect(selectOptions(html, "province").filter((o) => o.value)[0]).toEqual({ value: "bac-ninh", text: "Bac Ninh (formerly: Bắc Giang)", selected: true });
  });
});

describe("bad input is refused with a message in Vietnamese, and nothing is written", () => {
  const thisYear = new Date().getFullYear();
  const cases: [string, Record<string, string>, string][] = [
    ["unknown province", { province: "atlantis" }, "Hãy chọn một tỉnh, thành phố trong danh sách."],
    ["malformed province", { province: "Kon Tum'; drop table groups" }, "Giá trị này không hợp lệ."],
    ["no province", { province: "" }, "Vui lòng điền mục này."],
    ["year formed too early", { yearFormed: "1800" }, `Hãy nhập một số từ 1945 đến ${thisYear}.`],
    ["year formed in the future", { yearFormed: String(thisYear + 1) }, `Hãy nhập một số từ 1945 đến ${thisYear}.`],
    ["year formed not a number", { yearFormed: "2019.5" }, "Hãy nhập một số nguyên."],
    ["10,000-character name", { name: "a".repeat(10_000) }, "Quá dài: tối đa 120 ký tự."],
    ["10,000-character village", { village: "ả".repeat(10_000) }, "Quá dài: tối đa 120 ký tự."],
    ["NUL byte", { leaderName: "Giàng\u0000Thị Mai" }, "Có ký tự không hợp lệ."],
    ["malformed phone", { phone: "12345" }, "Cần số di động Việt Nam: 10 số"],
    ["no phone", { phone: "" }, "Vui lòng điền mục này."],
    ["unknown kind", { kind: "corporation" }, "Giá trị này không hợp lệ."],
    ["letters in the account number", { bankAccount: "12ab5678" }, "Số tài khoản chỉ gồm từ 6 đến 19 chữ số."],
    ["account without a bank", { bankAccount: "123456789", bankName: "" }, "Hãy ghi tên ngân hàng của số tài khoản này."],
    ["account without its holder", { bankAccount: "123456789", bankAccountHolder: "" }, "Hãy ghi tên chủ của số tài khoản này."],
    ["extra ownerId field", { ownerId: "00000000-0000-0000-0000-000000000000" }, "Biểu mẫu có mục không được phép."],
    ["extra groupId field", { groupId: "00000000-0000-0000-0000-000000000000" }, "Biểu mẫu có mục không được phép."],
  ];

  it.each(cases)("registration: %s", async (_label, overrides, message) => {
    const before = [await countRows(groups), await countRows(auditLog)];
    const response = await postForm(`${server.url}/groups/new`, validGroup(overrides), { cookie: users.leaderB.cookie });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    // What she typed comes back, so that without JavaScript she does not type it all again.
    if (!("commune" in overrides)) expect(html).toContain('value="Xã Bản Hồ"');
    expect([await countRows(groups), await countRows(auditLog)]).toEqual(before);
  });

  it("lists what a refused post got wrong at the top of the form, each linking to its field", async () => {
    const response = await postForm(`${server.url}/groups/new`, validGroup({ commune: "", name: "", yearFormed: "1800" }), { cookie: users.leaderB.cookie });
    expect(response.status).toBe(400);
    const html = await response.text();
    const summary = /<div class="alert alert-error error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
    expect(summary).toContain("Còn 3 mục cần sửa:");
    expect(summary).toContain('<a href="#field-commune">Xã, phường: ');
    expect(summary).toContain('<a href="#field-name">Tên nhóm: ');
    expect(summary).toContain('<a href="#field-yearFormed">Nhóm thành lập năm nào?: ');
    expect(html).toContain('id="field-commune"');
  });

  it("edit: the same checks, and the group is unchanged", async () => {
    const id = await registerOver(server, users.facilitator.cookie, { name: "Nhóm không đổi" });
    const before = await groupRow(id);
    for (const [label, overrides, message] of cases) {
      const response = await postForm(`${server.url}/groups/${id}/edit`, validGroup(overrides), { cookie: users.facilitator.cookie });
      expect(response.status, label).toBe(400);
      expect(await response.text(), label).toContain(message);
    }
    expect(await groupRow(id)).toEqual(before);
  });

  it("a refused account number is never sent back to the page", async () => {
    const response = await postForm(
      `${server.url}/groups/new`,
      validGroup({ bankAccount: "9704229988776655", yearFormed: "1800" }),
      { cookie: users.leaderB.cookie },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("9704229988776655");
  });
});

describe("the bank account", () => {
  const account = "9704 2299 8877 6655";
  let groupId: string;

  beforeAll(async () => {
    groupId = await registerOver(server, users.facilitator.cookie, { name: "Nhóm có tài khoản", bankAccount: account });
  });

  it("is stored encrypted, with only its last four digits in clear", async () => {
    const row = await groupRow(groupId);
    expect(row.bankAccountLast4).toBe("6655");
    expect(row.bankAccountEnc).toMatch(/^v2:[0-9a-f]{12}:/);
    expect(row.bankAccountEnc).not.toContain("9704229988776655");
    expect(Buffer.from(row.bankAccountEnc!.split(":")[2], "base64").toString("latin1")).not.toContain("9704229988776655");
    expect(decrypt(row.bankAccountEnc!, bankAccountAt(groupId))).toBe("9704229988776655");
  });

  it("is shown masked, and reading the page writes no audit row", async () => {
    const before = await auditCount("group.bank_account_revealed");
    const html = await (await get(`${server.url}/groups/${groupId}`, users.facilitator.cookie)).text();
    expect(html).toContain("•••• 6655");
    expect(html).not.toContain("9704229988776655");
    expect(html).toContain("Xem đầy đủ số tài khoản");
    const edit = await (await get(`${server.url}/groups/${groupId}/edit`, users.facilitator.cookie)).text();
    expect(edit).toContain("•••• 6655");
    expect(edit).not.toContain("9704229988776655");
    expect(await auditCount("group.bank_account_revealed")).toBe(before);
  });

  it("is revealed by a POST to the group's people and admins, each reveal audited", async () => {
    await postForm(`${server.url}/groups/${groupId}/facilitators`, { intent: "link", userId: users.otherFacilitator.id }, { cookie: users.admin.cookie });
    for (const [who, onBehalfOf] of [
      ["facilitator", `group:${groupId}`],
      ["otherFacilitator", `group:${groupId}`],
      ["admin", null],
    ] as const) {
      const before = await auditCount("group.bank_account_revealed");
      const response = await postForm(`${server.url}/groups/${groupId}`, { intent: "revealBankAccount" }, { cookie: users[who].cookie });
      expect(response.status, who).toBe(200);
      expect(await response.text(), who).toContain("9704229988776655");
      expect(await auditCount("group.bank_account_revealed"), who).toBe(before + 1);
      const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "group.bank_account_revealed")).orderBy(desc(auditLog.id)).limit(1);
      expect(row, who).toMatchObject({ actorId: users[who].id, entityId: groupId, onBehalfOf });
    }
  });

  it("is revealed to nobody else, and a refused reveal writes nothing", async () => {
    const before = await auditCount("group.bank_account_revealed");
    for (const [who, status] of [
      ["leaderB", 404],
      ["reviewer", 403],
      ["finance", 403],
    ] as const) {
      const response = await postForm(`${server.url}/groups/${groupId}`, { intent: "revealBankAccount" }, { cookie: users[who].cookie });
      expect(response.status, who).toBe(status);
      expect(await response.text(), who).not.toContain("9704229988776655");
    }
    const anonymous = await postForm(`${server.url}/groups/${groupId}`, { intent: "revealBankAccount" });
    expect(anonymous.status).toBe(302);
    expect(await auditCount("group.bank_account_revealed")).toBe(before);
  });

  it("an edit with the number left blank keeps it; a new number replaces it", async () => {
    const sealed = (await groupRow(groupId)).bankAccountEnc;
    const keep = await postForm(`${server.url}/groups/${groupId}/edit`, validGroup({ name: "Nhóm có tài khoản" }), { cookie: users.facilitator.cookie });
    expect(keep.status).toBe(302);
    expect((await groupRow(groupId)).bankAccountEnc).toBe(sealed);
    const change = await postForm(
      `${server.url}/groups/${groupId}/edit`,
      validGroup({ name: "Nhóm có tài khoản", bankAccount: "1234-5678-9012" }),
      { cookie: users.facilitator.cookie },
    );
    expect(change.status).toBe(302);
    const row = await groupRow(groupId);
    expect(row.bankAccountLast4).toBe("9012");
    expect(decrypt(row.bankAccountEnc!, bankAccountAt(groupId))).toBe("123456789012");
  });
});

describe("who reaches which group", () => {
  let groupA: string;
  let groupB: string;

  beforeAll(async () => {
    [groupA] = (await db.select({ id: groups.id }).from(groups).where(eq(groups.ownerId, users.leaderA.id))).map((r) => r.id);
    groupB = await registerOver(server, users.leaderB.cookie, { name: "Nhóm của chị B", bankAccount: "5555666677" });
  });

  it("leader B cannot read or change group A by changing the id in the URL", async () => {
    const cookie = users.leaderB.cookie;
    for (const path of ["", "/edit", "/members", "/members/new"]) {
      const response = await get(`${server.url}/groups/${groupA}${path}`, cookie);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain("Tổ hợp tác dệt thổ cẩm Tả Van");
    }
    const before = await groupRow(groupA);
    const audits = await countRows(auditLog);
    const edit = await postForm(`${server.url}/groups/${groupA}/edit`, validGroup({ name: "Bị chiếm" }), { cookie });
    expect(edit.status).toBe(404);
    const invalid = await postForm(`${server.url}/groups/${groupA}/edit`, validGroup({ yearFormed: "1" }), { cookie });
    expect(invalid.status).toBe(404);
    expect(await groupRow(groupA)).toEqual(before);
    expect(await countRows(auditLog)).toBe(audits);
    // Her own group is still hers.
    expect((await get(`${server.url}/groups/${groupB}`, cookie)).status).toBe(200);
  });

  it("a facilitator reaches only the groups she is linked to, from the moment an admin links her until she is unlinked", async () => {
    const cookie = users.otherFacilitator.cookie;
    expect((await get(`${server.url}/groups/${groupB}`, cookie)).status).toBe(404);
    expect((await get(`${server.url}/groups/${groupB}/members`, cookie)).status).toBe(404);

    const link = await postForm(`${server.url}/groups/${groupB}/facilitators`, { intent: "link", userId: users.otherFacilitator.id }, { cookie: users.admin.cookie });
    expect(link.status).toBe(200);
    expect(await auditCount("group.facilitator_linked")).toBeGreaterThan(0);
    expect((await get(`${server.url}/groups/${groupB}`, cookie)).status).toBe(200);
    expect((await get(`${server.url}/groups/${groupB}/edit`, cookie)).status).toBe(200);
    const notices = await (await get(`${server.url}/notifications`, cookie)).text();
    expect(notices).toContain("Bạn được gắn làm người hỗ trợ của nhóm Nhóm của chị B.");

    const unlink = await postForm(`${server.url}/groups/${groupB}/facilitators`, { intent: "unlink", userId: users.otherFacilitator.id }, { cookie: users.admin.cookie });
    expect(unlink.status).toBe(200);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "group.facilitator_unlinked"), eq(auditLog.entityId, groupB)));
    expect(audit).toMatchObject({ actorId: users.admin.id, data: { facilitatorId: users.otherFacilitator.id } });
    expect((await get(`${server.url}/groups/${groupB}`, cookie)).status).toBe(404);
  });

  it("only admins link facilitators, and only people who are facilitators", async () => {
    for (const who of ["leaderB", "facilitator", "reviewer", "finance"] as const) {
      const response = await postForm(`${server.url}/groups/${groupB}/facilitators`, { intent: "link", userId: users[who].id }, { cookie: users[who].cookie });
      expect(response.status, who).toBe(403);
    }
    const before = await countRows(groupFacilitators);
    const notFacilitator = await postForm(`${server.url}/groups/${groupB}/facilitators`, { intent: "link", userId: users.reviewer.id }, { cookie: users.admin.cookie });
    expect(notFacilitator.status).toBe(400);
    expect(await notFacilitator.text()).toContain("Người này không phải là người hỗ trợ đang hoạt động.");
    const malformed = await postForm(`${server.url}/groups/${groupB}/facilitators`, { intent: "link", userId: "x" }, { cookie: users.admin.cookie });
    expect(malformed.status).toBe(400);
    expect(await countRows(groupFacilitators)).toBe(before);
  });

  it("reviewers and finance see no group page at all", async () => {
    for (const who of ["reviewer", "finance"] as const) {
      for (const path of ["/groups", "/groups/new", `/groups/${groupB}`, `/groups/${groupB}/edit`, `/groups/${groupB}/members`, `/groups/${groupB}/facilitators`]) {
        const response = await get(`${server.url}${path}`, users[who].cookie);
        expect(response.status, `${who} ${path}`).toBe(403);
        expect(await response.text(), `${who} ${path}`).not.toContain("Nhóm của chị B");
      }
    }
  });

  it("an id that is not a uuid is a page that does not exist", async () => {
    expect((await get(`${server.url}/groups/not-a-uuid`, users.admin.cookie)).status).toBe(404);
    expect((await get(`${server.url}/groups/${groupB}/members/not-a-uuid`, users.leaderB.cookie)).status).toBe(404);
  });
});

describe("the admin's list", () => {
  it("shows every group, finds them without marks, and pages through them", async () => {
    const all = await (await get(`${server.url}/groups`, users.admin.cookie)).text();
    expect(all).toContain("Tổ hợp tác dệt thổ cẩm Tả Van");
    expect(all).toContain("Chi hội phụ nữ thôn Kon Brăp");

    const search = await (await get(`${server.url}/groups?q=${encodeURIComponent("kon brap")}`, users.admin.cookie)).text();
    expect(search).toContain("Chi hội phụ nữ thôn Kon Brăp");
    expect(search).not.toContain("Tổ hợp tác dệt thổ cẩm Tả Van");
    const byProvince = await (await get(`${server.url}/groups?q=${encodeURIComponent("QUANG NGAI")}`, users.admin.cookie)).text();
    expect(byProvince).toContain("Chi hội phụ nữ thôn Kon Brăp");
    expect(byProvince).not.toContain("Tổ hợp tác dệt thổ cẩm Tả Van");
    const wildcard = await (await get(`${server.url}/groups?q=${encodeURIComponent("%")}`, users.admin.cookie)).text();
    expect(wildcard).toContain("Không có nhóm nào khớp");

    await makeGroups(
      Array.from({ length: 31 }, (_, i) => ({
        name: `Nhóm trang ${String(i).padStart(2, "0")}`,
        kind: "informal" as const,
        provinceSlug: "nghe-an",
        commune: "Xã Môn Sơn",
        village: "Bản Khe Rạn",
        yearFormed: 2020,
        leaderName: "Lô Thị Hoa",
        phone: "+84912000000",
      })),
    );
    const first = await (await get(`${server.url}/groups?q=trang`, users.admin.cookie)).text();
    expect(first.match(/>Nhóm trang \d\d</g)).toHaveLength(30);
    expect(first).toContain("page=2");
    const second = await (await get(`${server.url}/groups?q=trang&page=2`, users.admin.cookie)).text();
    expect(second.match(/>Nhóm trang \d\d</g)).toHaveLength(1);
  });
});
