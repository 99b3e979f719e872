import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, auditLog, clarifications, notifications, outbox } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { evaluateChecks } from "./screening.server";
import { defaultMembers, makeApplication, makeAttachment, makeGroup, makeRound, type MemberSpec } from "../../testing/factories";

// Screening at the HTTP level (SPEC.md step 4): the automatic checks, the admin's decision and
// the clarification round trip, with the refusals each step owes.

let server: TestServer;
let admin: { id: string; email: string };
let owner: { id: string; email: string };
let facilitator: { id: string; email: string };
let otherOwner: { id: string; email: string };
let otherFacilitator: { id: string; email: string };
const cookie: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  admin = await makeUser(["admin"], { name: "Nguyễn Thu Hà" });
  owner = await makeUser(["applicant"], { name: "Lò Thị Hoa" });
  facilitator = await makeUser(["facilitator"], { name: "Giàng Thị Mai" });
  otherOwner = await makeUser(["applicant"], { name: "Hà Thị Lan" });
  otherFacilitator = await makeUser(["facilitator"], { name: "Vàng Văn Sử" });
  const reviewer = await makeUser(["reviewer"]);
  const finance = await makeUser(["finance"]);
  for (const [name, user] of Object.entries({ admin, owner, facilitator, otherOwner, otherFacilitator, reviewer, finance })) {
    cookie[name] = await logInOver(server, user.email);
  }
});
afterAll(() => server.close());

/** The page's visible text, without tags and React's text separators. */
async function textOf(response: Response): Promise<string> {
  return (await response.text())
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

async function setup(options: { members?: MemberSpec[]; provinceSlug?: string; values?: Parameters<typeof makeApplication>[0]["values"]; lines?: Parameters<typeof makeApplication>[0]["lines"] } = {}) {
  const round = await makeRound();
  const group = await makeGroup({
    recordedBy: admin.id,
    ownerId: owner.id,
    facilitatorIds: [facilitator.id],
    members: options.members ?? defaultMembers,
    provinceSlug: options.provinceSlug,
  });
  const application = await makeApplication({ roundId: round.id, groupId: group.id, values: options.values, lines: options.lines });
  return { round, group, application };
}

async function statusOf(id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

async function auditCount() {
  return (await db.select({ n: count() }).from(auditLog))[0].n;
}

const labels = {
  province: "Tỉnh của nhóm nằm trong vùng của vòng",
  activity: "Loại hoạt động nằm trong danh sách của vòng",
  amount: "Số tiền xin nằm trong mức tối thiểu – tối đa của vòng",
  womanLeader: "Nhóm có ít nhất một trưởng nhóm là nữ",
  womenMajority: "Hơn một nửa thành viên của nhóm là nữ",
  requiredAnswers: "Đã trả lời đủ các câu bắt buộc",
};

describe("automatic eligibility checks", () => {
  it("all pass for a complete application from an eligible group", async () => {
    const { application } = await setup();
    const file = await makeAttachment(application.id, owner.id, { kind: "quote", originalName: "bao-gia.pdf", mime: "application/pdf", size: 20_480 });
    const page = await get(`${server.url}/admin/applications/${application.id}`, cookie.admin);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`href="/applications/${application.id}/attachments/${file.id}"`);
    const text = await textOf(new Response(html));
    for (const label of Object.values(labels)) expect(text).toContain(`✓ Đạt — ${label}`);
    expect(text).toContain("Đủ điều kiện → chuyển sang chấm điểm");
    expect(text).toContain("50.000.000 ₫ — năm mươi triệu đồng");
    // The application is read before it is judged: its budget comes before the checks and the form.
    expect(html.indexOf('id="screening-budget"')).toBeGreaterThan(0);
    expect(html.indexOf('id="screening-budget"')).toBeLessThan(html.indexOf("✓ Đạt"));
    expect(html.indexOf('id="screening-budget"')).toBeLessThan(html.indexOf('name="intent"'));
  });

  const failing: [keyof typeof labels, Parameters<typeof setup>[0]][] = [
    ["province", { provinceSlug: "bac-ninh" }],
    ["activity", { values: { activityType: "livestock" } }],
    // 5 × 1.000.000 = 5.000.000 ₫, under the round's minimum of 10.000.000 ₫.
    ["amount", { lines: [{ item: "Dao phát", quantity: 5, unitCost: 1_000_000n }] }],
    ["amount", { lines: [{ item: "Máy sấy", quantity: 2, unitCost: 60_000_000n }] }],
    ["womanLeader", { members: [{ gender: "male", role: "leader" }, { gender: "female" }, { gender: "female" }] }],
    ["womenMajority", { members: [{ gender: "female", role: "leader" }, { gender: "male" }] }],
    ["requiredAnswers", { values: { environmentalCare: "" } }],
    ["requiredAnswers", { values: { baselineIncome: null } }],
    ["requiredAnswers", { lines: [], values: { requestedAmount: 20_000_000n } }],
  ];

  for (const [key, options] of failing) {
    it(`"${key}" fails alone, and the application cannot be confirmed eligible (${JSON.stringify(options, (_k, v) => (typeof v === "bigint" ? String(v) : v))})`, async () => {
      const { application } = await setup(options);
      const text = await textOf(await get(`${server.url}/admin/applications/${application.id}`, cookie.admin));
      expect(text).toContain(`✗ Chưa đạt — ${labels[key]}`);
      for (const [other, label] of Object.entries(labels)) if (other !== key) expect(text).toContain(`✓ Đạt — ${label}`);
      expect(text).toContain("Còn điều kiện chưa đạt nên chưa thể xác nhận đủ điều kiện.");

      const before = await auditCount();
      const refused = await postForm(`${server.url}/admin/applications/${application.id}`, { intent: "eligible" }, { cookie: cookie.admin });
      expect(refused.status).toBe(400);
      expect(await textOf(refused)).toContain("Còn điều kiện chưa đạt: không thể xác nhận đủ điều kiện.");
      expect((await statusOf(application.id)).status).toBe("submitted");
      expect(await auditCount()).toBe(before);
    });
  }

  it("names the missing answers", async () => {
    const { application } = await setup({ values: { plan: "  ", targetIncome: null } });
    const text = await textOf(await get(`${server.url}/admin/applications/${application.id}`, cookie.admin));
    expect(text).toContain("Còn thiếu: Kế hoạch thực hiện, Thu nhập mỗi tháng mong muốn sau dự án");
  });

  it("counts a woman leader by role, and a majority strictly", () => {
    const base = {
      application: { title: "x", activityType: "handicrafts", requestedAmount: 20n } as never,
      round: { eligibleProvinces: ["lao-cai"], eligibleActivities: ["handicrafts"], minGrant: 10n, maxGrant: 30n },
      provinceSlug: "lao-cai",
      budgetLineCount: 1,
    };
    const check = (facts: { members: number; women: number; hasWomanLeader: boolean }, key: string) =>
      evaluateChecks({ ...base, facts }).find((c) => c.key === key)?.passed;
    expect(check({ members: 4, women: 2, hasWomanLeader: true }, "womenMajority")).toBe(false);
    expect(check({ members: 5, women: 3, hasWomanLeader: true }, "womenMajority")).toBe(true);
    expect(check({ members: 0, women: 0, hasWomanLeader: false }, "womenMajority")).toBe(false);
    expect(check({ members: 5, women: 3, hasWomanLeader: false }, "womanLeader")).toBe(false);
    expect(check({ members: 5, women: 3, hasWomanLeader: false }, "amount")).toBe(true);
  });
});

describe("the admin's decision", () => {
  it("eligible → ready for review: status, stored checks, audit, in-app notices and e-mails to the group's people", async () => {
    const { application, group } = await setup();
    const response = await postForm(`${server.url}/admin/applications/${application.id}`, { intent: "eligible" }, { cookie: cookie.admin });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin/applications/${application.id}?done=eligible`);
    const row = await statusOf(application.id);
    expect(row.status).toBe("eligible");
    expect(row.screening).toHaveLength(6);
    expect(row.screening?.every((c) => c.passed)).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.eligible")));
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toMatchObject({ from: "submitted", to: "eligible" });
    for (const person of [owner, facilitator]) {
      const [notice] = await db.select().from(notifications).where(eq(notifications.userId, person.id)).orderBy(desc(notifications.createdAt)).limit(1);
      expect(notice.messageKey).toBe("screening.notice.eligible");
      const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, person.email)).orderBy(desc(outbox.createdAt)).limit(1);
      expect(mail.template).toBe("screening-result");
      expect(mail.subject).toBe("Gieo: hồ sơ của nhóm đủ điều kiện");
      expect(mail.text).toContain(group.name);
    }
    const page = await textOf(await get(`${server.url}/admin/applications/${application.id}?done=eligible`, cookie.admin));
    expect(page).toContain("Đã xác nhận đủ điều kiện.");
    expect(page).toContain("Trạng thái: Đủ điều kiện — chờ chấm điểm");
    expect(page).not.toContain("Xác nhận không đủ điều kiện");

    // Decided once: a second decision is refused, whatever it is.
    const again = await postForm(`${server.url}/admin/applications/${application.id}`, { intent: "ineligible", note: "Lý do" }, { cookie: cookie.admin });
    expect(again.status).toBe(409);
    expect((await statusOf(application.id)).status).toBe("eligible");
  });

  it("ineligible needs a reason; with one, the group reads it", async () => {
    const { application } = await setup({ provinceSlug: "bac-ninh" });
    const before = await auditCount();
    for (const note of [undefined, "", "   "]) {
      const fields: Record<string, string> = { intent: "ineligible" };
      if (note !== undefined) fields.note = note;
      const refused = await postForm(`${server.url}/admin/applications/${application.id}`, fields, { cookie: cookie.admin });
      expect(refused.status).toBe(400);
      expect(await textOf(refused)).toContain("Vui lòng điền mục này.");
    }
    expect((await statusOf(application.id)).status).toBe("submitted");
    expect(await auditCount()).toBe(before);

    const reason = "Tỉnh của nhóm không thuộc vùng của đợt này.";
    const done = await postForm(`${server.url}/admin/applications/${application.id}`, { intent: "ineligible", note: reason }, { cookie: cookie.admin });
    expect(done.status).toBe(302);
    const row = await statusOf(application.id);
    expect(row.status).toBe("ineligible");
    expect(row.screeningNote).toBe(reason);
    expect(row.screening?.find((c) => c.key === "province")?.passed).toBe(false);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, owner.email)).orderBy(desc(outbox.createdAt)).limit(1);
    expect(mail.subject).toBe("Gieo: kết quả sàng lọc hồ sơ của nhóm");
    expect(mail.text).toContain(reason);
  });

  it("refuses bad input cleanly and writes nothing", async () => {
    const { application } = await setup();
    const url = `${server.url}/admin/applications/${application.id}`;
    const before = await auditCount();
    const cases: [Record<string, string | string[]>, number, string][] = [
      [{ intent: "eligible", status: "eligible" }, 400, "Biểu mẫu có mục không được phép."],
      [{ intent: "ineligible", note: "Lý do", groupId: randomUUID() }, 400, "Biểu mẫu có mục không được phép."],
      [{ intent: "ineligible", note: "x".repeat(2001) }, 400, "Quá dài: tối đa 2000 ký tự."],
      [{ intent: "ineligible", note: "có\u0000NUL" }, 400, "Có ký tự không hợp lệ."],
      [{ intent: "clarify", question: "Nhóm có bao nhiêu người?" }, 400, "Chọn ít nhất một mục để mở lại."],
      [{ intent: "clarify", fields: ["title", "status"], question: "Câu hỏi" }, 400, "Giá trị này không hợp lệ."],
      [{ intent: "clarify", fields: "title", question: "" }, 400, "Vui lòng điền mục này."],
      [{ intent: "approve" }, 400, "Giá trị này không hợp lệ."],
      [{}, 400, "Giá trị này không hợp lệ."],
    ];
    for (const [fields, status, message] of cases) {
      const response = await postForm(url, fields, { cookie: cookie.admin });
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      expect(await textOf(response)).toContain(message);
    }
    expect((await statusOf(application.id)).status).toBe("submitted");
    expect((await db.select({ n: count() }).from(clarifications).where(eq(clarifications.applicationId, application.id)))[0].n).toBe(0);
    expect(await auditCount()).toBe(before);

    for (const id of [randomUUID(), "not-a-uuid", "' or 1=1 --"]) {
      const forged = await postForm(`${server.url}/admin/applications/${encodeURIComponent(id)}`, { intent: "eligible" }, { cookie: cookie.admin });
      expect(forged.status).toBe(404);
      expect((await get(`${server.url}/admin/applications/${encodeURIComponent(id)}`, cookie.admin)).status).toBe(404);
    }
  });

  it("is for admins only", async () => {
    const { application } = await setup();
    for (const who of ["owner", "facilitator", "reviewer", "finance"]) {
      expect((await get(`${server.url}/admin/applications/${application.id}`, cookie[who])).status).toBe(403);
      const post = await postForm(`${server.url}/admin/applications/${application.id}`, { intent: "eligible" }, { cookie: cookie[who] });
      expect(post.status).toBe(403);
    }
    const anonymous = await get(`${server.url}/admin/applications/${application.id}`);
    expect(anonymous.status).toBe(302);
    expect((await statusOf(application.id)).status).toBe("submitted");
  });

  it("decides once when two admins decide at the same moment", async () => {
    const { application } = await setup();
    const second = await makeUser(["admin"]);
    const secondCookie = await logInOver(server, second.email);
    const url = `${server.url}/admin/applications/${application.id}`;
    const answers = await Promise.all([
      postForm(url, { intent: "eligible" }, { cookie: cookie.admin }),
      postForm(url, { intent: "ineligible", note: "Trùng hồ sơ" }, { cookie: secondCookie }),
      postForm(url, { intent: "clarify", fields: "title", question: "Tên dự án?" }, { cookie: secondCookie }),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409, 409]);
    const decisions = await db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.entityType, "application")));
    expect(decisions[0].n).toBe(1);
  });
});

describe("clarification round trip", () => {
  async function ask(applicationId: string, fields: string[], question = "Nhóm có bao nhiêu chị em chăm vườn ươm?") {
    const response = await postForm(`${server.url}/admin/applications/${applicationId}`, { intent: "clarify", fields, question }, { cookie: cookie.admin });
    expect(response.status).toBe(302);
    const [asked] = await db.select().from(clarifications).where(eq(clarifications.applicationId, applicationId)).orderBy(desc(clarifications.askedAt)).limit(1);
    return asked;
  }

  it("reopens only the named fields; the group answers and the application returns to screening", async () => {
    const { application } = await setup();
    const asked = await ask(application.id, ["title", "membersTakingPart", "budgetLines"]);
    let row = await statusOf(application.id);
    expect(row.status).toBe("clarification_requested");
    expect(row.reopenedFields.sort()).toEqual(["budgetLines", "membersTakingPart", "title"]);
    expect(asked.fields).toEqual(["title", "membersTakingPart", "budgetLines"]);

    // The group hears of it in the app and by e-mail, with the link to answer.
    const [notice] = await db.select().from(notifications).where(eq(notifications.userId, owner.id)).orderBy(desc(notifications.createdAt)).limit(1);
    expect(notice.messageKey).toBe("screening.notice.clarification");
    expect(notice.link).toBe(`/clarifications/${asked.id}`);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, facilitator.email)).orderBy(desc(outbox.createdAt)).limit(1);
    expect(mail.template).toBe("clarification-requested");
    expect(mail.text).toContain("Nhóm có bao nhiêu chị em chăm vườn ươm?");
    expect(mail.text).toContain(`/clarifications/${asked.id}`);

    const page = await get(`${server.url}/clarifications/${asked.id}`, cookie.owner);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Nhóm có bao nhiêu chị em chăm vườn ươm?");
    expect(html).toMatch(/name="title"[^>]*value="Vườn ươm cây thuốc dưới tán rừng"|value="Vườn ươm cây thuốc dưới tán rừng"[^>]*name="title"/);
    expect(html).toMatch(/name="membersTakingPart"/);
    expect(html).not.toMatch(/name="plan"/);
    expect(html).toContain(`/applications/${application.id}/step/2`);

    const url = `${server.url}/clarifications/${asked.id}`;
    const before = await auditCount();
    const refusals: [Record<string, string>, string][] = [
      // A field that was not reopened is refused whole, even beside the reopened ones.
      [{ answer: "Có 12 chị em.", title: "Tên mới", membersTakingPart: "14", plan: "Kế hoạch khác" }, "Biểu mẫu có mục không được phép."],
      [{ answer: "Có 12 chị em.", title: "Tên mới", membersTakingPart: "14", status: "eligible" }, "Biểu mẫu có mục không được phép."],
      [{ answer: "", title: "Tên mới", membersTakingPart: "14" }, "Vui lòng điền mục này."],
      [{ answer: "Có 12 chị em.", title: "", membersTakingPart: "14" }, "Vui lòng điền mục này."],
      [{ answer: "Có 12 chị em.", title: "Tên mới", membersTakingPart: "1,5" }, "Hãy nhập một số nguyên."],
      // Fewer members than the 10 women already written down.
      [{ answer: "Có 12 chị em.", title: "Tên mới", membersTakingPart: "8" }, "Số chị em tham gia không thể nhiều hơn tổng số thành viên tham gia."],
      [{ answer: "a".repeat(2001), title: "Tên mới", membersTakingPart: "14" }, "Quá dài: tối đa 2000 ký tự."],
    ];
    for (const [fields, message] of refusals) {
      const response = await postForm(url, fields, { cookie: cookie.owner });
      expect(response.status, message).toBe(400);
      expect(await textOf(response)).toContain(message);
    }
    row = await statusOf(application.id);
    expect(row.status).toBe("clarification_requested");
    expect(row.title).toBe("Vườn ươm cây thuốc dưới tán rừng");
    expect(row.membersTakingPart).toBe(12);
    expect(await auditCount()).toBe(before);

    const answered = await postForm(url, { answer: "Có 14 thành viên, 10 chị em.", title: "Vườn ươm sa nhân", membersTakingPart: "14" }, { cookie: cookie.owner });
    expect(answered.status).toBe(302);
    row = await statusOf(application.id);
    expect(row.status).toBe("submitted");
    expect(row.reopenedFields).toEqual([]);
    expect(row.title).toBe("Vườn ươm sa nhân");
    expect(row.membersTakingPart).toBe(14);
    expect(row.plan).toBe("Tháng 1 làm vườn ươm, tháng 3 trồng.");
    const [closed] = await db.select().from(clarifications).where(eq(clarifications.id, asked.id));
    expect(closed.answer).toBe("Có 14 thành viên, 10 chị em.");
    expect(closed.answeredBy).toBe(owner.id);
    expect(closed.answeredAt).not.toBeNull();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.submitted")));
    expect(audit.actorId).toBe(owner.id);
    expect(audit.onBehalfOf).toBeNull();
    expect(audit.data).toMatchObject({ from: "clarification_requested", to: "submitted", changed: { membersTakingPart: { from: 12, to: 14 } } });
    const [adminNotice] = await db.select().from(notifications).where(eq(notifications.userId, admin.id)).orderBy(desc(notifications.createdAt)).limit(1);
    expect(adminNotice.messageKey).toBe("screening.notice.answered");

    // Answered once: the page says so, and a second answer is refused.
    expect(await textOf(await get(url, cookie.owner))).toContain("Hồ sơ đã quay lại bước sàng lọc.");
    const twice = await postForm(url, { answer: "Lần nữa", title: "Khác", membersTakingPart: "15" }, { cookie: cookie.owner });
    expect(twice.status).toBe(409);
    expect((await statusOf(application.id)).title).toBe("Vườn ươm sa nhân");

    // Back in screening, with the admin's page showing the history.
    const adminPage = await textOf(await get(`${server.url}/admin/applications/${application.id}`, cookie.admin));
    expect(adminPage).toContain("Có 14 thành viên, 10 chị em.");
    expect(adminPage).toContain("Mục mở lại: Tên dự án, Số thành viên tham gia, Dự toán (các khoản chi)");
  });

  it("a facilitator answers on the group's behalf, recorded as such; money and activity are checked", async () => {
    const { application, group } = await setup();
    const asked = await ask(application.id, ["baselineIncome", "activityType"]);
    const url = `${server.url}/clarifications/${asked.id}`;
    for (const [fields, message] of [
      [{ answer: "Đã sửa", baselineIncome: "-5", activityType: "handicrafts" }, "Số tiền chỉ gồm chữ số"],
      [{ answer: "Đã sửa", baselineIncome: "5e6", activityType: "handicrafts" }, "Số tiền chỉ gồm chữ số"],
      [{ answer: "Đã sửa", baselineIncome: "1".repeat(25), activityType: "handicrafts" }, "Số tiền quá lớn."],
      [{ answer: "Đã sửa", baselineIncome: "1.800.000", activityType: "livestock" }, "Vòng này không tài trợ loại hoạt động này."],
    ] as const) {
      const response = await postForm(url, fields, { cookie: cookie.facilitator });
      expect(response.status, message).toBe(400);
      expect(await textOf(response)).toContain(message);
    }
    expect((await statusOf(application.id)).baselineIncome).toBe(1_500_000n);

    const answered = await postForm(url, { answer: "Đã sửa", baselineIncome: "1.800.000", activityType: "handicrafts" }, { cookie: cookie.facilitator });
    expect(answered.status).toBe(302);
    const row = await statusOf(application.id);
    expect(row.baselineIncome).toBe(1_800_000n);
    expect(row.activityType).toBe("handicrafts");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.submitted")));
    expect(audit.actorId).toBe(facilitator.id);
    expect(audit.onBehalfOf).toBe(`group:${group.id}`);
    expect(audit.data).toMatchObject({ changed: { baselineIncome: { from: "1500000", to: "1800000" } } });
  });

  it("another group, a facilitator of other groups and staff cannot read or answer it", async () => {
    const { application } = await setup();
    // The other applicant leads a group of her own, so she is a real group leader, just not this one's.
    await makeGroup({ recordedBy: admin.id, ownerId: otherOwner.id, facilitatorIds: [otherFacilitator.id], name: "Nhóm khác", members: defaultMembers });
    const asked = await ask(application.id, ["title"]);
    const url = `${server.url}/clarifications/${asked.id}`;
    for (const who of ["otherOwner", "otherFacilitator"]) {
      expect((await get(url, cookie[who])).status).toBe(404);
      const post = await postForm(url, { answer: "Của nhóm khác", title: "Chiếm hồ sơ" }, { cookie: cookie[who] });
      expect(post.status).toBe(404);
    }
    for (const who of ["admin", "reviewer", "finance"]) {
      expect((await get(url, cookie[who])).status).toBe(403);
      expect((await postForm(url, { answer: "x", title: "y" }, { cookie: cookie[who] })).status).toBe(403);
    }
    for (const id of [randomUUID(), "khong-phai-uuid"]) {
      expect((await get(`${server.url}/clarifications/${id}`, cookie.owner)).status).toBe(404);
      expect((await postForm(`${server.url}/clarifications/${id}`, { answer: "x" }, { cookie: cookie.owner })).status).toBe(404);
    }
    const row = await statusOf(application.id);
    expect(row.status).toBe("clarification_requested");
    expect(row.title).toBe("Vườn ươm cây thuốc dưới tán rừng");
  });
});

describe("overriding a failed check", () => {
  // Issue 16, item 8: the admin's judgement over the automatic list, with her reason on record.
  const oneShort: MemberSpec[] = [{ gender: "female", role: "leader" }, { gender: "female" }, { gender: "male" }, { gender: "male" }];

  it("needs a reason; with one, the application goes to review, the failed check kept and marked with why, audited", async () => {
    const { application } = await setup({ members: oneShort });
    const url = `${server.url}/admin/applications/${application.id}`;
    expect(await textOf(await get(url, cookie.admin))).toContain("Bỏ qua điều kiện chưa đạt → chuyển sang chấm điểm");
    const before = await auditCount();
    const empty = await postForm(url, { intent: "override", reason: "" }, { cookie: cookie.admin });
    expect(empty.status).toBe(400);
    expect(await textOf(empty)).toContain("Vui lòng điền mục này.");
    expect(await auditCount()).toBe(before);

    const reason = "Nhóm chỉ thiếu một chị để đủ đa số phụ nữ; chị Lù Thị Dung đã xin vào nhóm.";
    const response = await postForm(url, { intent: "override", reason }, { cookie: cookie.admin });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin/applications/${application.id}?done=override`);
    const row = await statusOf(application.id);
    expect(row.status).toBe("eligible");
    expect(row.screening?.find((c) => c.key === "womenMajority")).toEqual({ key: "womenMajority", passed: false, overrideReason: reason });
    expect(row.screening?.filter((c) => c.overrideReason)).toHaveLength(1);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.eligible")));
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toMatchObject({ from: "submitted", to: "eligible", override: { checks: ["womenMajority"], reason } });
    const page = await textOf(await get(`${url}?done=override`, cookie.admin));
    expect(page).toContain("Đã xác nhận đủ điều kiện, bỏ qua điều kiện chưa đạt kèm lý do.");
    expect(page).toContain(`Quản trị viên bỏ qua điều kiện này. Lý do: ${reason}`);
  });

  it("is refused when every check passes, and to anyone but an admin", async () => {
    const { application } = await setup();
    const url = `${server.url}/admin/applications/${application.id}`;
    const before = await auditCount();
    const nothing = await postForm(url, { intent: "override", reason: "Không cần" }, { cookie: cookie.admin });
    expect(nothing.status).toBe(400);
    expect(await textOf(nothing)).toContain("Mọi điều kiện đều đạt: không có gì để bỏ qua.");
    expect((await postForm(url, { intent: "override", reason: "x" }, { cookie: cookie.owner })).status).toBe(403);
    expect((await statusOf(application.id)).status).toBe("submitted");
    expect(await auditCount()).toBe(before);
  });
});

describe("the group withdraws its application", () => {
  it("with a box ticked, through its machine: withdrawn, audited with the reason, admins told, shown on its page", async () => {
    const { application } = await setup();
    const url = `${server.url}/applications/${application.id}`;
    expect(await textOf(await get(url, cookie.owner))).toContain("Rút hồ sơ");
    const before = await auditCount();
    const unticked = await postForm(url, { intent: "withdraw", reason: "" }, { cookie: cookie.owner });
    expect(unticked.status).toBe(400);
    expect(await textOf(unticked)).toContain("Hãy đánh dấu vào ô này nếu nhóm thật sự muốn rút hồ sơ.");
    expect(await auditCount()).toBe(before);

    const response = await postForm(url, { intent: "withdraw", confirm: "yes", reason: "Nhóm đã nhận hỗ trợ từ dự án khác." }, { cookie: cookie.facilitator });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/applications/${application.id}?done=withdrawn`);
    expect((await statusOf(application.id)).status).toBe("withdrawn");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.withdrawn")));
    expect(audit.actorId).toBe(facilitator.id);
    expect(audit.onBehalfOf).toBe(`group:${application.groupId}`);
    expect(audit.data).toMatchObject({ from: "submitted", to: "withdrawn", reason: "Nhóm đã nhận hỗ trợ từ dự án khác." });
    const [notice] = await db.select().from(notifications).where(eq(notifications.userId, admin.id)).orderBy(desc(notifications.createdAt)).limit(1);
    expect(notice).toMatchObject({ messageKey: "applications.notice.withdrawn", link: `/admin/applications/${application.id}` });

    const page = await textOf(await get(`${url}?done=withdrawn`, cookie.owner));
    expect(page).toContain("Nhóm đã rút hồ sơ. Chương trình đã được báo.");
    expect(page).toContain("Không cần làm gì: nhóm đã rút hồ sơ này.");
    expect(page).toContain("Nhóm rút hồ sơ");
    expect(page).not.toContain("Tôi hiểu: hồ sơ rút rồi");
    // Screening is over for it: the admin's forms are gone, and a decision is refused.
    expect((await postForm(`${server.url}/admin/applications/${application.id}`, { intent: "eligible" }, { cookie: cookie.admin })).status).toBe(409);
    // Once withdrawn, or once decided for good, it cannot be withdrawn again.
    const again = await postForm(url, { intent: "withdraw", confirm: "yes" }, { cookie: cookie.owner });
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("Hồ sơ này không rút được nữa");
  });

  it("is refused for a decided application, and to staff and other groups (404), writing nothing", async () => {
    const { application } = await setup({ values: { status: "rejected" } });
    const url = `${server.url}/applications/${application.id}`;
    const before = await auditCount();
    expect((await postForm(url, { intent: "withdraw", confirm: "yes" }, { cookie: cookie.owner })).status).toBe(409);
    const { application: open } = await setup();
    const openUrl = `${server.url}/applications/${open.id}`;
    for (const who of ["admin", "otherOwner", "otherFacilitator"]) {
      expect((await postForm(openUrl, { intent: "withdraw", confirm: "yes" }, { cookie: cookie[who] })).status, who).toBe(404);
    }
    expect((await statusOf(open.id)).status).toBe("submitted");
    expect(await auditCount()).toBe(before);
  });
});
