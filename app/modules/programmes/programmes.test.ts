import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, programmes, rounds, rubricCriteria } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeApplication, makeGroup } from "../../testing/factories";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { acceptsSubmissions, listOpenRounds } from "./rounds.server";

// Programmes and rounds as an admin uses them: real posts to the built app, with and without
// the fields a browser without JavaScript sends.

let server: TestServer;
let adminCookie: string;
let adminId: string;

beforeAll(async () => {
  server = await startServer();
  const admin = await makeUser(["admin"], { name: "Quản Trị Chương Trình" });
  adminId = admin.id;
  adminCookie = await logInOver(server, admin.email);
});
afterAll(() => server.close());

type Fields = Record<string, string | string[]>;

const html = (response: Response) => response.text();

const post = (path: string, fields: Fields) => postForm(`${server.url}${path}`, fields, { cookie: adminCookie });

function programmeFields(overrides: Fields = {}): Fields {
  return {
    nameVi: "Sinh kế rừng do phụ nữ làm chủ 2027",
    nameEn: "Women-led forest livelihoods 2027",
    donor: "Quỹ Rừng Xanh",
    currency: "VND",
    totalBudget: "2.000.000.000",
    ...overrides,
  };
}

function roundFields(overrides: Fields = {}): Fields {
  return {
    intent: "save",
    titleVi: "Vòng 1 — năm 2027",
    titleEn: "Round 1 — 2027",
    descriptionVi: "Hỗ trợ nhóm phụ nữ trồng cây thuốc dưới tán rừng.",
    descriptionEn: "For women's groups growing medicinal herbs under the forest canopy.",
    opensAt: "2027-03-01T08:00",
    closesAt: "2027-04-30T17:00",
    provinces: ["nghe-an", "lao-cai"],
    activities: ["medicinal_herbs", "forest_products"],
    minGrant: "20.000.000",
    maxGrant: "50.000.000",
    budget: "500.000.000",
    reviewersPerApplication: "2",
    "criteria.0.labelVi": "Lợi ích cho phụ nữ trong nhóm",
    "criteria.0.labelEn": "Benefit to the women of the group",
    "criteria.0.guidanceVi": "Bao nhiêu chị em có thêm thu nhập?",
    "criteria.0.guidanceEn": "How many women earn more?",
    "criteria.0.weight": "2",
    "criteria.0.maxScore": "10",
    "criteria.1.labelVi": "Bền vững môi trường",
    "criteria.1.labelEn": "Environmental care",
    "criteria.1.guidanceVi": "",
    "criteria.1.guidanceEn": "",
    "criteria.1.weight": "1",
    "criteria.1.maxScore": "10",
    "tranches.0.percent": "50",
    "tranches.0.waitsFor": "signing",
    "tranches.1.percent": "30",
    "tranches.1.waitsFor": "midterm",
    "tranches.2.percent": "20",
    "tranches.2.waitsFor": "final",
    "reports.0.key": "midterm",
    "reports.0.months": "6",
    "reports.0.labelVi": "Báo cáo giữa kỳ",
    "reports.0.labelEn": "Mid-term report",
    "reports.1.key": "final",
    "reports.1.months": "12",
    "reports.1.labelVi": "Báo cáo cuối kỳ",
    "reports.1.labelEn": "Final report",
    ...overrides,
  };
}

function without(fields: Fields, ...prefixes: string[]): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !prefixes.some((p) => key.startsWith(p))));
}

async function createProgramme(overrides: Fields = {}): Promise<string> {
  const response = await post("/admin/programmes", programmeFields(overrides));
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")?.match(/\/admin\/programmes\/([0-9a-f-]{36})$/)?.[1];
  expect(id).toBeDefined();
  return id!;
}

async function createRound(programmeId: string, overrides: Fields = {}): Promise<string> {
  const response = await post(`/admin/programmes/${programmeId}/rounds/new`, roundFields(overrides));
  if (response.status !== 302) throw new Error(`round not created: ${response.status} ${(await html(response)).slice(0, 500)}`);
  const id = response.headers.get("Location")?.match(/\/admin\/rounds\/([0-9a-f-]{36})\?saved=1$/)?.[1];
  expect(id).toBeDefined();
  return id!;
}

const countOf = async (table: typeof rounds | typeof rubricCriteria | typeof auditLog | typeof programmes) =>
  (await db.select({ n: count() }).from(table))[0].n;

const snapshot = () => Promise.all([countOf(programmes), countOf(rounds), countOf(rubricCriteria), countOf(auditLog)]);

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id));
}

/** A group with an application in the round: enough for the round to count as having applications. */
async function addApplication(roundId: string) {
  const group = await makeGroup({ name: "Nhóm Cây Thuốc Bản Khoang", village: "Bản Khoang", leaderName: "Giàng Thị Mai" });
  await makeApplication({ roundId, groupId: group.id, title: "Trồng tam thất", status: "draft", submittedAt: null });
}

describe("programmes", () => {
  it("an admin creates a programme; it is listed with its budget in figures, audited", async () => {
    const id = await createProgramme();
    const list = await html(await get(`${server.url}/admin/programmes`, adminCookie));
    expect(list).toContain("Sinh kế rừng do phụ nữ làm chủ 2027");
    expect(list).toContain("2.000.000.000");
    const page = await html(await get(`${server.url}/admin/programmes/${id}`, adminCookie));
    expect(page).toContain("hai tỷ đồng");
    const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
    expect(row).toMatchObject({ donor: "Quỹ Rừng Xanh", currency: "VND", totalBudget: 2_000_000_000n, createdBy: adminId });
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["programme.created"]);
    expect(audit[0].actorId).toBe(adminId);
  });

  it("refuses bad programme input with the message in Vietnamese, writing nothing", async () => {
    const before = await snapshot();
    const cases: [Fields, string][] = [
      [programmeFields({ totalBudget: "-5" }), "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
      [programmeFields({ totalBudget: "1,5" }), "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
      [programmeFields({ totalBudget: "5e7" }), "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
      [programmeFields({ totalBudget: "1234567890123456789012345" }), "Số tiền quá lớn."],
      [programmeFields({ totalBudget: "0" }), "Số tiền phải lớn hơn 0."],
      [programmeFields({ nameVi: "a".repeat(10_000) }), "Quá dài: tối đa 200 ký tự."],
      [programmeFields({ donor: "Quỹ\u0000Xanh" }), "Có ký tự không hợp lệ."],
      [programmeFields({ currency: "USD" }), "Giá trị này không hợp lệ."],
      [programmeFields({ status: "open" }), "Biểu mẫu có mục không được phép."],
      [programmeFields({ nameEn: "" }), "Vui lòng điền mục này."],
    ];
    for (const [fields, message] of cases) {
      const response = await post("/admin/programmes", fields);
      expect(response.status, message).toBe(400);
      expect(await html(response), message).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("edits a programme, audited with before and after; its budget cannot fall below its rounds'", async () => {
    const id = await createProgramme();
    await createRound(id, { budget: "500.000.000" });
    const saved = await post(`/admin/programmes/${id}`, programmeFields({ donor: "Quỹ Hạt Giống", totalBudget: "1.500.000.000" }));
    expect(saved.status).toBe(200);
    expect(await html(saved)).toContain("Đã lưu chương trình.");
    const updated = (await auditOf(id)).find((a) => a.action === "programme.updated");
    expect(updated?.data).toEqual({
      before: { donor: "Quỹ Rừng Xanh", totalBudget: "2000000000" },
      after: { donor: "Quỹ Hạt Giống", totalBudget: "1500000000" },
    });

    const before = await snapshot();
    const tooSmall = await post(`/admin/programmes/${id}`, programmeFields({ totalBudget: "400.000.000" }));
    expect(tooSmall.status).toBe(400);
    expect(await html(tooSmall)).toContain("Tổng ngân sách không được nhỏ hơn số đã chia cho các vòng.");
    expect(await snapshot()).toEqual(before);
    expect((await db.select().from(programmes).where(eq(programmes.id, id)))[0].totalBudget).toBe(1_500_000_000n);
  });

  it("answers 404 for a programme that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await get(`${server.url}/admin/programmes/${missing}`, adminCookie)).status).toBe(404);
    expect((await get(`${server.url}/admin/programmes/not-a-uuid`, adminCookie)).status).toBe(404);
    expect((await post(`/admin/programmes/${missing}/rounds/new`, roundFields())).status).toBe(404);
  });
});

describe("creating a round", () => {
  it("stores every field, in Viet Nam time and whole đồng, with its rubric, audited", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId);
    const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    expect(round).toMatchObject({
      programmeId,
      status: "draft",
      titleVi: "Vòng 1 — năm 2027",
      opensAt: new Date("2027-03-01T01:00:00Z"),
      closesAt: new Date("2027-04-30T10:00:00Z"),
      eligibleProvinces: ["lao-cai", "nghe-an"],
      eligibleActivities: ["forest_products", "medicinal_herbs"],
      minGrant: 20_000_000n,
      maxGrant: 50_000_000n,
      budget: 500_000_000n,
      reviewersPerApplication: 2,
      trancheTemplate: [
        { percent: 50, waitsFor: "signing" },
        { percent: 30, waitsFor: { report: "midterm" } },
        { percent: 20, waitsFor: { report: "final" } },
      ],
      reportSchedule: [
        { key: "midterm", months: 6, labelVi: "Báo cáo giữa kỳ", labelEn: "Mid-term report" },
        { key: "final", months: 12, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" },
      ],
    });
    const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(rubricCriteria.position);
    expect(criteria.map((c) => [c.position, c.labelEn, c.weight, c.maxScore])).toEqual([
      [1, "Benefit to the women of the group", 2, 10],
      [2, "Environmental care", 1, 10],
    ]);
    const audit = await auditOf(roundId);
    expect(audit.map((a) => a.action)).toEqual(["round.created"]);
    expect(audit[0].data).toMatchObject({ programmeId, budget: "500000000", opensAt: "2027-03-01T01:00:00.000Z" });

    const page = await html(await get(`${server.url}/admin/rounds/${roundId}?saved=1`, adminCookie));
    expect(page).toContain("Đã lưu vòng.");
    expect(page).toContain("Bản nháp");
    expect(page).toContain('value="01/03/2027 08:00"');
    expect(page).toContain('value="50.000.000"');
    expect(page).toContain("năm mươi triệu đồng");
  });

  it("derives a new report's key from its name: staff type no technical code", async () => {
    const programmeId = await createProgramme();
    const form = await html(await get(`${server.url}/admin/programmes/${programmeId}/rounds/new`, adminCookie));
    expect(form).not.toMatch(/<input[^>]*type="text"[^>]*name="reports\.\d\.key"/);
    const roundId = await createRound(programmeId, {
      "reports.0.key": "",
      "reports.1.key": "",
      "reports.1.labelEn": "Mid-term report",
      "tranches.1.waitsFor": "mid-term-report",
      "tranches.2.waitsFor": "mid-term-report-2",
    });
    const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    expect(round.reportSchedule.map((r) => r.key)).toEqual(["mid-term-report", "mid-term-report-2"]);
    expect(round.trancheTemplate[2]).toEqual({ percent: 20, waitsFor: { report: "mid-term-report-2" } });
  });

  it("the new-round form offers the 34 provinces, every activity type and the usual tranches", async () => {
    const programmeId = await createProgramme();
    const page = await html(await get(`${server.url}/admin/programmes/${programmeId}/rounds/new`, adminCookie));
    expect(page.match(/name="provinces"/g)).toHaveLength(34);
    expect(page.match(/name="activities"/g)).toHaveLength(9);
    expect(page).toContain("Lào Cai");
    expect(page).toContain("Cây thuốc");
    expect(page).toContain('name="tranches.2.percent"');
    expect(page).toContain("Báo cáo giữa kỳ");
  });

  it("refuses every kind of bad input with its Vietnamese message, writing nothing", async () => {
    const programmeId = await createProgramme({ totalBudget: "1.000.000.000" });
    await createRound(programmeId, { budget: "700.000.000" });
    const path = `/admin/programmes/${programmeId}/rounds/new`;
    const before = await snapshot();
    const moneyInvalid = "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ.";
    const cases: [Fields, string][] = [
      [roundFields({ closesAt: "2027-02-01T08:00" }), "Ngày hết hạn phải sau ngày mở nhận hồ sơ."],
      [roundFields({ closesAt: "2027-03-01T08:00" }), "Ngày hết hạn phải sau ngày mở nhận hồ sơ."],
      [roundFields({ opensAt: "01/03/2027" }), "Ngày chưa đúng."],
      [roundFields({ minGrant: "60.000.000" }), "Mức thấp nhất không được lớn hơn mức cao nhất."],
      [roundFields({ maxGrant: "250.000.000", budget: "200.000.000" }), "Mức cao nhất không được lớn hơn ngân sách của vòng."],
      [roundFields({ budget: "300.000.001" }), "Ngân sách của vòng vượt quá số tiền chương trình còn lại."],
      [roundFields({ "tranches.2.percent": "10" }), "Tổng tỷ lệ các đợt đang là 90%, phải đúng 100%."],
      [roundFields({ "tranches.2.percent": "20.5" }), "Hãy nhập một số nguyên."],
      [roundFields({ "tranches.1.waitsFor": "harvest" }), "Không có báo cáo mang mã này trong lịch báo cáo."],
      [roundFields({ "reports.1.key": "midterm" }), "Một báo cáo khác đã mang tên này."],
      [roundFields({ minGrant: "-5" }), moneyInvalid],
      [roundFields({ minGrant: "1,5" }), moneyInvalid],
      [roundFields({ maxGrant: "5e7" }), moneyInvalid],
      [roundFields({ budget: "1234567890123456789012345" }), "Số tiền quá lớn."],
      [roundFields({ minGrant: "0" }), "Số tiền phải lớn hơn 0."],
      [roundFields({ provinces: ["lao-cai", "kon-tum"] }), "Giá trị này không hợp lệ."],
      [roundFields({ provinces: [] }), "Chọn ít nhất một tỉnh, thành."],
      [roundFields({ activities: ["forest_products", "gold_mining"] }), "Giá trị này không hợp lệ."],
      [roundFields({ titleVi: "V".repeat(10_000) }), "Quá dài: tối đa 200 ký tự."],
      [roundFields({ titleEn: "Round\u00001" }), "Có ký tự không hợp lệ."],
      [roundFields({ "criteria.0.labelVi": "Lợi ích\u0000" }), "Có ký tự không hợp lệ."],
      [roundFields({ status: "open" }), "Biểu mẫu có mục không được phép."],
      [roundFields({ programmeId: "00000000-0000-4000-8000-000000000000" }), "Biểu mẫu có mục không được phép."],
      [roundFields({ "criteria.0.id": "x" }), "Biểu mẫu có mục không được phép."],
      [roundFields({ "criteria.0.weight": "0" }), "Hãy nhập một số từ 1 đến 100."],
      [roundFields({ "criteria.1.weight": "-1" }), "Hãy nhập một số nguyên."],
      [roundFields({ "criteria.1.maxScore": "2.5" }), "Hãy nhập một số nguyên."],
      [without(roundFields(), "criteria."), "Cần ít nhất một tiêu chí chấm."],
      [roundFields({ reviewersPerApplication: "11" }), "Hãy nhập một số từ 1 đến 10."],
      [roundFields({ intent: "publish" }), "Giá trị này không hợp lệ."],
    ];
    for (const [fields, message] of cases) {
      const response = await post(path, fields);
      expect(response.status, message).toBe(400);
      expect(await html(response), message).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("gives back what was typed after a refusal, so nothing is lost without JavaScript", async () => {
    const programmeId = await createProgramme();
    const response = await post(`/admin/programmes/${programmeId}/rounds/new`, roundFields({ minGrant: "60.000.000", "criteria.1.labelVi": "Tiêu chí gõ dở" }));
    expect(response.status).toBe(400);
    const page = await html(response);
    expect(page).toContain("Tiêu chí gõ dở");
    expect(page).toContain('value="60.000.000"');
    expect(page).toContain("Chưa gửi được. Vui lòng sửa các mục được đánh dấu bên dưới.");
    // Ticked boxes and chosen options come back as they were: a browser without JavaScript posts them as shown.
    const ticked = (value: string) => (page.match(/<input type="checkbox"[^>]*>/g) ?? []).some((tag) => tag.includes(`value="${value}"`) && tag.includes('checked=""'));
    expect(ticked("lao-cai")).toBe(true);
    expect(ticked("medicinal_herbs")).toBe(true);
    expect(ticked("ha-noi")).toBe(false);
    expect(page.match(/<option value="midterm" selected="">/g)).toHaveLength(1);
    expect(page.match(/<option value="final" selected="">/g)).toHaveLength(1);
  });

  it("answers a post with fields missing with messages, not an error page", async () => {
    const programmeId = await createProgramme();
    const before = await snapshot();
    for (const fields of [{}, { titleVi: "Chỉ có tên" }, { intent: "add:criteria" }, { "tranches.0.percent": "100" }] as Fields[]) {
      const response = await post(`/admin/programmes/${programmeId}/rounds/new`, fields);
      expect(response.status, JSON.stringify(fields)).toBe(fields.intent ? 200 : 400);
      expect(await html(response)).toContain('name="titleVi"');
    }
    expect(await snapshot()).toEqual(before);
  });

  it("adds and removes rubric, report and tranche rows without JavaScript, writing nothing", async () => {
    const programmeId = await createProgramme();
    const path = `/admin/programmes/${programmeId}/rounds/new`;
    const before = await snapshot();

    const added = await post(path, roundFields({ intent: "add:criteria" }));
    expect(added.status).toBe(200);
    const addedHtml = await html(added);
    expect(addedHtml).toContain('name="criteria.2.labelVi"');
    expect(addedHtml).toContain("Bền vững môi trường");
    expect(addedHtml).not.toContain("Chưa gửi được");

    const removed = await post(path, roundFields({ intent: "remove:criteria:0" }));
    expect(removed.status).toBe(200);
    const removedHtml = await html(removed);
    expect(removedHtml).not.toContain('value="Lợi ích cho phụ nữ trong nhóm"');
    expect(removedHtml).toContain('value="Bền vững môi trường"');
    expect(removedHtml).not.toContain('name="criteria.1.labelVi"');

    const tranche = await html(await post(path, roundFields({ intent: "add:tranches" })));
    expect(tranche).toContain('name="tranches.3.percent"');
    const report = await html(await post(path, roundFields({ intent: "remove:reports:1" })));
    expect(report).not.toContain('name="reports.1.key"');

    expect(await snapshot()).toEqual(before);
  });

  it("never lets two rounds together overrun the programme's budget, even when saved at the same moment", async () => {
    const programmeId = await createProgramme({ totalBudget: "1.000.000.000" });
    const path = `/admin/programmes/${programmeId}/rounds/new`;
    const answers = await Promise.all(
      ["Vòng A", "Vòng B", "Vòng C"].map((titleVi) => post(path, roundFields({ titleVi, budget: "600.000.000", maxGrant: "50.000.000" }))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400, 400]);
    const [total] = await db.select({ n: count() }).from(rounds).where(eq(rounds.programmeId, programmeId));
    expect(total.n).toBe(1);
  });
});

describe("editing a round", () => {
  it("saves a change, audited with what changed before and after", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId);
    const saved = await post(`/admin/rounds/${roundId}`, roundFields({ titleVi: "Vòng 1 (gia hạn)", closesAt: "2027-05-15T17:00" }));
    expect(saved.status).toBe(302);
    const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    expect(round.titleVi).toBe("Vòng 1 (gia hạn)");
    const updated = (await auditOf(roundId)).filter((a) => a.action === "round.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0].data).toEqual({
      changed: ["titleVi", "closesAt"],
      before: { titleVi: "Vòng 1 — năm 2027", closesAt: "2027-04-30T10:00:00.000Z" },
      after: { titleVi: "Vòng 1 (gia hạn)", closesAt: "2027-05-15T10:00:00.000Z" },
    });

    // Saving the same values again changes nothing and records nothing.
    const again = await post(`/admin/rounds/${roundId}`, roundFields({ titleVi: "Vòng 1 (gia hạn)", closesAt: "2027-05-15T17:00" }));
    expect(again.status).toBe(302);
    expect((await auditOf(roundId)).filter((a) => a.action === "round.updated")).toHaveLength(1);
  });

  it("refuses bad input on edit too, and counts the round's own budget as its own", async () => {
    const programmeId = await createProgramme({ totalBudget: "1.000.000.000" });
    const roundId = await createRound(programmeId, { budget: "600.000.000" });
    await createRound(programmeId, { budget: "400.000.000" });
    const before = await snapshot();
    for (const [fields, message] of [
      [roundFields({ budget: "600.000.001" }), "Ngân sách của vòng vượt quá số tiền chương trình còn lại."],
      [roundFields({ status: "closed" }), "Biểu mẫu có mục không được phép."],
      [roundFields({ "tranches.0.percent": "60" }), "Tổng tỷ lệ các đợt đang là 110%, phải đúng 100%."],
    ] as [Fields, string][]) {
      const response = await post(`/admin/rounds/${roundId}`, fields);
      expect(response.status, message).toBe(400);
      expect(await html(response)).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
    expect((await post(`/admin/rounds/${roundId}`, roundFields({ budget: "600.000.000", titleEn: "Round 1" }))).status).toBe(302);
  });

  it("warns before changing the rubric of a round that has applications, and saves only once confirmed", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId);
    await addApplication(roundId);
    const criteriaBefore = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(rubricCriteria.position);
    const change = roundFields({ "criteria.1.weight": "3", "criteria.2.labelVi": "Sự tham gia của thành viên", "criteria.2.labelEn": "Members taking part", "criteria.2.weight": "1", "criteria.2.maxScore": "5" });

    const before = await snapshot();
    const warned = await post(`/admin/rounds/${roundId}`, change);
    expect(warned.status).toBe(400);
    const page = await html(warned);
    expect(page).toContain("Vòng này đã có 1 hồ sơ. Đổi tiêu chí chấm sẽ thay đổi cách chấm các hồ sơ đó.");
    expect(page).toContain('name="confirmRubricChange"');
    expect(await snapshot()).toEqual(before);

    // Other fields save without the warning while the rubric stays as it is.
    expect((await post(`/admin/rounds/${roundId}`, roundFields({ titleEn: "Round one" }))).status).toBe(302);

    const confirmed = await post(`/admin/rounds/${roundId}`, { ...change, confirmRubricChange: "yes" });
    expect(confirmed.status).toBe(302);
    const criteriaAfter = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(rubricCriteria.position);
    expect(criteriaAfter.map((c) => [c.position, c.labelEn, c.weight, c.maxScore])).toEqual([
      [1, "Benefit to the women of the group", 2, 10],
      [2, "Environmental care", 3, 10],
      [3, "Members taking part", 1, 5],
    ]);
    // The criteria that stay keep their ids: anything scored against them still points at them.
    expect(criteriaAfter.slice(0, 2).map((c) => c.id)).toEqual(criteriaBefore.map((c) => c.id));
    const audit = (await auditOf(roundId)).filter((a) => a.action === "round.updated").at(-1);
    expect(audit?.data).toMatchObject({ applicationCount: 1 });
    expect(audit?.data?.changed).toContain("criteria");
  });

  it("changes a rubric without a warning while the round has no application", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId);
    const saved = await post(`/admin/rounds/${roundId}`, without(roundFields(), "criteria.1."));
    expect(saved.status).toBe(302);
    expect((await db.select({ n: count() }).from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)))[0].n).toBe(1);
  });
});

describe("round states", () => {
  it("opens a draft and closes it by hand, each transition audited; closing a draft is refused", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId, { opensAt: "2020-01-01T08:00", closesAt: "2099-12-31T17:00" });

    const before = await snapshot();
    const refused = await post(`/admin/rounds/${roundId}`, { intent: "close" });
    expect(refused.status).toBe(409);
    expect(await html(refused)).toContain("Không thể chuyển vòng sang trạng thái này từ trạng thái hiện tại.");
    expect(await snapshot()).toEqual(before);
    expect((await db.select().from(rounds).where(eq(rounds.id, roundId)))[0].status).toBe("draft");

    const forged = await post(`/admin/rounds/${roundId}`, { intent: "open", status: "closed" });
    expect(forged.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const opened = await post(`/admin/rounds/${roundId}`, { intent: "open" });
    expect(opened.status).toBe(200);
    expect(await html(opened)).toContain("Đã mở vòng.");
    let [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    expect(round.status).toBe("open");
    expect(acceptsSubmissions(round)).toBe(true);
    expect((await listOpenRounds()).map((r) => r.round.id)).toContain(roundId);

    expect((await post(`/admin/rounds/${roundId}`, { intent: "open" })).status).toBe(409);

    const closed = await post(`/admin/rounds/${roundId}`, { intent: "close" });
    expect(closed.status).toBe(200);
    [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    expect(round.status).toBe("closed");
    expect(acceptsSubmissions(round)).toBe(false);
    expect((await listOpenRounds()).map((r) => r.round.id)).not.toContain(roundId);

    const transitions = (await auditOf(roundId)).filter((a) => a.action === "round.open" || a.action === "round.closed");
    expect(transitions.map((a) => [a.action, a.data, a.actorId])).toEqual([
      ["round.open", { from: "draft", to: "open" }, adminId],
      ["round.closed", { from: "open", to: "closed" }, adminId],
    ]);
  });

  it("shows an open round past its closing time as closed since that date, and takes nothing more", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId, { opensAt: "2020-01-01T08:00", closesAt: "2099-12-31T17:00" });
    expect((await post(`/admin/rounds/${roundId}`, { intent: "open" })).status).toBe(200);
    await db.update(rounds).set({ closesAt: new Date("2026-01-15T10:00:00Z") }).where(eq(rounds.id, roundId));
    const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    expect(acceptsSubmissions(round)).toBe(false);
    expect((await listOpenRounds()).map((r) => r.round.id)).not.toContain(roundId);
    const page = await html(await get(`${server.url}/admin/rounds/${roundId}`, adminCookie));
    expect(page).toContain("Đã đóng từ 15/01/2026 17:00 (hết hạn nộp)");
  });

  it("does not open a draft whose closing time has passed", async () => {
    const programmeId = await createProgramme();
    const roundId = await createRound(programmeId, { opensAt: "2020-01-01T08:00", closesAt: "2020-02-01T17:00" });
    const response = await post(`/admin/rounds/${roundId}`, { intent: "open" });
    expect(response.status).toBe(409);
    expect(await html(response)).toContain("Hạn nộp đã qua. Hãy lùi ngày hết hạn trước khi mở vòng.");
    expect((await db.select().from(rounds).where(eq(rounds.id, roundId)))[0].status).toBe("draft");
  });

  it("lists for applicants only the rounds open now, with their programme's names", async () => {
    const programmeId = await createProgramme({ nameVi: "Chương trình hạt giống", nameEn: "Seed programme" });
    const now = await createRound(programmeId, { titleVi: "Đang mở", opensAt: "2020-01-01T08:00", closesAt: "2099-12-31T17:00" });
    const later = await createRound(programmeId, { titleVi: "Sắp mở", opensAt: "2098-01-01T08:00", closesAt: "2099-12-31T17:00" });
    const draft = await createRound(programmeId, { titleVi: "Nháp", opensAt: "2020-01-01T08:00", closesAt: "2099-12-31T17:00" });
    for (const id of [now, later]) expect((await post(`/admin/rounds/${id}`, { intent: "open" })).status).toBe(200);
    const open = await listOpenRounds();
    const mine = open.filter((r) => r.round.programmeId === programmeId);
    expect(mine.map((r) => r.round.id)).toEqual([now]);
    expect(mine[0].programme).toEqual({ nameVi: "Chương trình hạt giống", nameEn: "Seed programme", currency: "VND" });
    expect(open.map((r) => r.round.id)).not.toContain(draft);
    const page = await html(await get(`${server.url}/admin/rounds/${later}`, adminCookie));
    expect(page).toContain("Sẽ mở lúc 01/01/2098 08:00");
    const [laterRow] = await db.select().from(rounds).where(and(eq(rounds.id, later), eq(rounds.status, "open")));
    expect(acceptsSubmissions(laterRow)).toBe(false);
  });
});
