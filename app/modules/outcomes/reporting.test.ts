import { and, count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, grants, notifications, outbox, outcomeMemberIncomes, outcomeReportPhotos, outcomeReports, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { makeActiveGrant } from "../../testing/factories";

// Outcome reports at the HTTP level, as a phone without JavaScript posts them: drafts, submission
// by the leader and by her facilitator, every kind of bad input refused with nothing written,
// access, the review round trip, and the tranche that becomes due when its report is approved.

let server: TestServer;
let leader: { id: string; email: string };
let leaderCookie: string;
let facilitator: { id: string; email: string };
let facilitatorCookie: string;
let otherLeaderCookie: string;
let admin: { id: string; email: string };
let adminCookie: string;
let finance: { id: string; email: string };
let financeCookie: string;
let reviewerCookie: string;

beforeAll(async () => {
  server = await startServer();
  [leader, facilitator, admin, finance] = await Promise.all([
    makeUser(["applicant"], { name: "Giàng Thị Mai" }),
    makeUser(["facilitator"], { name: "Lò Thị Hoa" }),
    makeUser(["admin"]),
    makeUser(["finance"]),
  ]);
  const otherLeader = await makeUser(["applicant"]);
  const reviewer = await makeUser(["reviewer"]);
  [leaderCookie, facilitatorCookie, otherLeaderCookie, adminCookie, financeCookie, reviewerCookie] = await Promise.all(
    [leader, facilitator, otherLeader, admin, finance, reviewer].map((u) => logInOver(server, u.email)),
  );
});
afterAll(() => server.close());

const grantOfLeader = (options: { accepted?: boolean } = {}) =>
  makeActiveGrant({ ownerId: leader.id, facilitatorIds: [facilitator.id], recorderId: facilitator.id, ...options });

const page = (reportId: string) => `${server.url}/reports/${reportId}`;
const reviewPage = (reportId: string) => `${server.url}/admin/reports/${reportId}`;
const text = async (response: Response) => (await response.text()).replace(/\u00a0/g, " ");

async function reportRow(reportId: string) {
  return (await db.select().from(outcomeReports).where(eq(outcomeReports.id, reportId)))[0];
}

/** Everything a post could write: a refused post must leave each as it was. */
async function written(reportId: string) {
  const n = async (table: typeof auditLog | typeof notifications | typeof outbox) => (await db.select({ n: count() }).from(table))[0].n;
  const row = await reportRow(reportId);
  const incomes = (await db.select({ n: count() }).from(outcomeMemberIncomes).where(eq(outcomeMemberIncomes.reportId, reportId)))[0].n;
  return { audit: await n(auditLog), notifications: await n(notifications), outbox: await n(outbox), status: row.status, updatedAt: row.updatedAt.getTime(), income: row.avgMonthlyIncome, incomes };
}

const figures = (fields: Record<string, string | string[]> = {}) => ({
  avgMonthlyIncome: "2.400.000",
  sales: "18.000.000",
  womenEarning: "3",
  areaHa: "2,5",
  quantityProduced: "350,5",
  quantityUnit: "kg",
  story: "Chị em bán sa nhân khô cho hợp tác xã với giá ổn định.",
  ...fields,
});

describe("the schedule", () => {
  it("gives each grant an approved baseline from the application and a pending report per item of the round's schedule", async () => {
    const grant = await grantOfLeader();
    const rows = await db.select().from(outcomeReports).where(eq(outcomeReports.grantId, grant.grantId));
    expect(rows.map((r) => `${r.key}:${r.status}:${r.months}`).sort()).toEqual(["baseline:approved:0", "final:pending:12", "m6:pending:6"]);
    expect(rows.find((r) => r.key === "m6")!.labelVi).toBe("Báo cáo tháng thứ 6");
  });
});

describe("reporting without JavaScript", () => {
  it("saves a draft, shows it back with the amounts in words, then the leader submits it", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const saved = await postForm(page(id), { intent: "save", ...figures({ sales: "", memberId: grant.memberIds, memberIncome: ["2.000.000", "", "3.100.000"] }) }, { cookie: leaderCookie });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/reports/${id}?done=saved`);
    const draft = await reportRow(id);
    expect(draft.status).toBe("draft");
    expect(draft.avgMonthlyIncome).toBe(2_400_000n);
    expect(draft.sales).toBeNull();
    expect(draft.areaSqm).toBe(25_000);
    expect(draft.quantityProduced).toBe("350.500");
    const incomes = await db.select().from(outcomeMemberIncomes).where(eq(outcomeMemberIncomes.reportId, id));
    expect(incomes.map((r) => r.monthlyIncome).sort()).toEqual([2_000_000n, 3_100_000n]);

    const shown = await text(await get(`${page(id)}?done=saved`, leaderCookie));
    expect(shown).toContain("Đã lưu bản nháp.");
    expect(shown).toContain("2.400.000 ₫ — hai triệu bốn trăm nghìn đồng");
    expect(shown).toContain('value="2,5"');

    const sent = await postForm(page(id), { intent: "submit", ...figures({ memberId: grant.memberIds, memberIncome: ["2.000.000", "", "3.100.000"] }) }, { cookie: leaderCookie });
    expect(sent.status).toBe(302);
    const row = await reportRow(id);
    expect(row.status).toBe("submitted");
    expect(row.submittedBy).toBe(leader.id);
    expect(row.sales).toBe(18_000_000n);
    const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "outcome_report"), eq(auditLog.entityId, id))).orderBy(auditLog.id);
    expect(trail.map((a) => a.action)).toEqual(["outcome_report.draft", "outcome_report.submitted"]);
    expect(trail.every((a) => a.onBehalfOf === null)).toBe(true);
    // Members' incomes are personal data: the append-only log names the field, never the figures.
    expect(JSON.stringify(trail)).not.toContain("3100000");
    // Staff hear of it in the app.
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, admin.id), eq(notifications.link, `/admin/reports/${id}`)));
    expect(notice.messageKey).toBe("outcomes.notice.submitted");
  });

  it("lets the facilitator submit on the group's behalf, recorded as such", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const sent = await postForm(page(id), { intent: "submit", ...figures() }, { cookie: facilitatorCookie });
    expect(sent.status).toBe(302);
    expect((await reportRow(id)).submittedBy).toBe(facilitator.id);
    const [row] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "outcome_report.submitted")));
    expect(row.actorId).toBe(facilitator.id);
    expect(row.onBehalfOf).toBe(`group:${grant.groupId}`);
  });

  it("lists the group's reports with their due dates, for its people only", async () => {
    const grant = await grantOfLeader();
    const mine = await text(await get(`${server.url}/reports`, leaderCookie));
    expect(mine).toContain(`/reports/${grant.reportId("m6")}`);
    expect(mine).toContain("Hạn nộp:");
    const theirs = await text(await get(`${server.url}/reports`, otherLeaderCookie));
    expect(theirs).not.toContain(`/reports/${grant.reportId("m6")}`);
  });
});

describe("bad input is refused with field messages, nothing written", () => {
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ["a negative income", { avgMonthlyIncome: "-2000000" }, "avgMonthlyIncome", "Số tiền chỉ gồm chữ số, không âm"],
    ["fractional đồng", { avgMonthlyIncome: "2400000,5" }, "avgMonthlyIncome", "Số tiền chỉ gồm chữ số, không âm"],
    ["fractional đồng with a point", { sales: "1.5" }, "sales", "Số tiền chỉ gồm chữ số, không âm"],
    ["an absurd income", { avgMonthlyIncome: "150.000.000" }, "avgMonthlyIncome", "Số này cao bất thường"],
    ["an absurd member's income", { memberIncome: ["999.000.000", "", ""] }, "memberIncome", "Số này cao bất thường"],
    ["a negative number of women", { womenEarning: "-3" }, "womenEarning", "Hãy nhập một số nguyên"],
    ["more women earning than the group has members", { womenEarning: "4" }, "womenEarning", "không thể nhiều hơn số thành viên của nhóm (3)"],
    ["an area with too many decimals", { areaHa: "2,123456" }, "areaHa", "tối đa 4 chữ số sau dấu phẩy"],
    ["a quantity without its unit", { quantityUnit: "" }, "quantityUnit", "Ghi đơn vị của sản lượng"],
    ["an unknown field", { status: "approved" }, "", "Biểu mẫu có mục không được phép."],
    ["submitting without the income", { avgMonthlyIncome: "" }, "avgMonthlyIncome", "Cần ghi thu nhập trung bình"],
  ];
  for (const [what, fields, field, message] of cases) {
    it(`refuses ${what}`, async () => {
      const grant = await grantOfLeader();
      const id = grant.reportId("m6");
      const before = await written(id);
      const response = await postForm(page(id), { intent: "submit", ...figures({ memberId: grant.memberIds, memberIncome: ["", "", ""], ...fields }) }, { cookie: leaderCookie });
      expect(response.status).toBe(400);
      const body = await text(response);
      expect(body).toContain(message);
      if (field) expect(body).toContain(`field-${field}-error`.replace("field-memberIncome-error", "field-error"));
      expect(await written(id)).toEqual(before);
    });
  }

  it("refuses a member who is not on this group's roster", async () => {
    const grant = await grantOfLeader();
    const other = await grantOfLeader();
    const id = grant.reportId("m6");
    const before = await written(id);
    const response = await postForm(page(id), { intent: "save", ...figures({ memberId: [other.memberIds[0]], memberIncome: ["2.000.000"] }) }, { cookie: leaderCookie });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain("Có thành viên không thuộc nhóm này.");
    expect(await written(id)).toEqual(before);
  });

  it("applies the bound the admin sets, and refuses a bad bound", async () => {
    const settings = `${server.url}/admin/reports/settings`;
    expect((await postForm(settings, { maxMonthlyIncome: "0", reminderDaysBefore: "14" }, { cookie: adminCookie })).status).toBe(400);
    expect((await postForm(settings, { maxMonthlyIncome: "4.000.000", reminderDaysBefore: "400" }, { cookie: adminCookie })).status).toBe(400);
    expect((await postForm(settings, { maxMonthlyIncome: "4.000.000", reminderDaysBefore: "10" }, { cookie: adminCookie })).status).toBe(200);
    try {
      const grant = await grantOfLeader();
      const id = grant.reportId("m6");
      const refused = await postForm(page(id), { intent: "save", ...figures({ avgMonthlyIncome: "5.000.000" }) }, { cookie: leaderCookie });
      expect(refused.status).toBe(400);
      expect(await text(refused)).toContain("tối đa 4.000.000 ₫ mỗi tháng");
      expect((await reportRow(id)).status).toBe("pending");
    } finally {
      await postForm(settings, { maxMonthlyIncome: "100.000.000", reminderDaysBefore: "14" }, { cookie: adminCookie });
    }
  });

  it("refuses a second submission of an approved report (409) and changes to one under review", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    expect((await postForm(page(id), { intent: "submit", ...figures() }, { cookie: leaderCookie })).status).toBe(302);
    const underReview = await written(id);
    const again = await postForm(page(id), { intent: "submit", ...figures({ avgMonthlyIncome: "2.500.000" }) }, { cookie: leaderCookie });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain("đang chờ cán bộ xem");
    expect(await written(id)).toEqual(underReview);
    expect((await postForm(reviewPage(id), { decision: "approve", message: "" }, { cookie: adminCookie })).status).toBe(200);
    const approved = await written(id);
    const resubmitted = await postForm(page(id), { intent: "submit", ...figures({ avgMonthlyIncome: "2.500.000" }) }, { cookie: leaderCookie });
    expect(resubmitted.status).toBe(409);
    expect(await text(resubmitted)).toContain("đã được duyệt, không gửi lại được");
    expect(await written(id)).toEqual(approved);
    // Staff cannot approve it twice either.
    expect((await postForm(reviewPage(id), { decision: "approve", message: "" }, { cookie: adminCookie })).status).toBe(409);
  });

  it("refuses reporting before the agreement is accepted, and changes to the baseline", async () => {
    const grant = await grantOfLeader({ accepted: false });
    const before = await written(grant.reportId("m6"));
    const early = await postForm(page(grant.reportId("m6")), { intent: "save", ...figures() }, { cookie: leaderCookie });
    expect(early.status).toBe(409);
    expect(await written(grant.reportId("m6"))).toEqual(before);
    expect((await postForm(page(grant.reportId("baseline")), { intent: "save", ...figures() }, { cookie: leaderCookie })).status).toBe(400);
  });
});

describe("who sees what", () => {
  it("answers 404 to another group's leader for a report, its page and its photos", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const before = await written(id);
    expect((await get(page(id), otherLeaderCookie)).status).toBe(404);
    expect((await postForm(page(id), { intent: "submit", ...figures() }, { cookie: otherLeaderCookie })).status).toBe(404);
    expect((await get(`${page(id)}/photos/${grant.grantId}`, otherLeaderCookie)).status).toBe(404);
    expect(await written(id)).toEqual(before);
  });

  it("shows reviewers and finance none of it, and staff's pages to admins only", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    for (const cookie of [reviewerCookie, financeCookie]) {
      expect((await get(page(id), cookie)).status).toBe(403);
      expect((await get(`${server.url}/reports`, cookie)).status).toBe(403);
      expect((await get(reviewPage(id), cookie)).status).toBe(403);
      expect((await get(`${server.url}/admin/reports`, cookie)).status).toBe(403);
      expect((await postForm(reviewPage(id), { decision: "approve" }, { cookie })).status).toBe(403);
    }
    expect((await get(reviewPage(id), leaderCookie)).status).toBe(403);
    expect((await postForm(reviewPage(id), { decision: "approve" }, { cookie: leaderCookie })).status).toBe(403);
    expect((await get(reviewPage(id), adminCookie)).status).toBe(200);
  });
});

describe("photos", () => {
  it("takes an image under the application's upload rules and refuses anything else", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#2f5d34" } }).png().toBuffer();
    const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, cookie: string) => {
      const form = new FormData();
      form.set("intent", "upload");
      form.set("file", new File([bytes], name));
      return fetch(page(id), { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });
    };
    const added = await upload(new Uint8Array(png), "vuon.png", facilitatorCookie);
    expect(added.status).toBe(302);
    const [photo] = await db.select().from(outcomeReportPhotos).where(eq(outcomeReportPhotos.reportId, id));
    expect(photo.mime).toBe("image/png");
    const served = await get(`${page(id)}/photos/${photo.id}`, leaderCookie);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect((await get(`${page(id)}/photos/${photo.id}`, adminCookie)).status).toBe(200);
    expect((await get(`${page(id)}/photos/${photo.id}`, otherLeaderCookie)).status).toBe(404);

    const refused = await upload(new TextEncoder().encode("%PDF-1.4 not a photo"), "giay.pdf", leaderCookie);
    expect(refused.status).toBe(400);
    expect((await db.select({ n: count() }).from(outcomeReportPhotos).where(eq(outcomeReportPhotos.reportId, id)))[0].n).toBe(1);

    const removed = await postForm(page(id), { intent: `remove-photo:${photo.id}` }, { cookie: leaderCookie });
    expect(removed.status).toBe(302);
    expect((await get(`${page(id)}/photos/${photo.id}`, leaderCookie)).status).toBe(404);
  });
});

describe("a photo added without JavaScript", () => {
  // The photo's button belongs to the report's form, so the browser posts the figures typed above
  // it with the photo (multipart): none of them may be lost.
  const withFigures = (fields: Record<string, string | string[]>, bytes: Uint8Array<ArrayBuffer> | null) => {
    const form = new FormData();
    form.set("intent", "upload");
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    form.set("file", bytes ? new File([bytes], "vuon.png") : new File([], ""));
    return form;
  };

  it("saves the typed figures as a draft, then adds the photo", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#2f5d34" } }).png().toBuffer();
    const posted = await fetch(page(id), { method: "POST", body: withFigures(figures(), new Uint8Array(png)), redirect: "manual", headers: { Cookie: leaderCookie } });
    expect(posted.status).toBe(302);
    const row = await reportRow(id);
    expect(row.status).toBe("draft");
    expect(row.avgMonthlyIncome).toBe(2_400_000n);
    expect(row.story).toBe(figures().story);
    expect(await db.select().from(outcomeReportPhotos).where(eq(outcomeReportPhotos.reportId, id))).toHaveLength(1);
  });

  it("keeps what was typed, with its messages, when a figure is wrong, and adds no photo", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#2f5d34" } }).png().toBuffer();
    const before = await written(id);
    const story = "Chị em đã bán 40 kg sa nhân ở chợ phiên.";
    const posted = await fetch(page(id), {
      method: "POST",
      body: withFigures(figures({ womenEarning: "nhiều", story }), new Uint8Array(png)),
      redirect: "manual",
      headers: { Cookie: leaderCookie },
    });
    expect(posted.status).toBe(400);
    const shown = await text(posted);
    expect(shown).toContain(story);
    expect(shown).toContain('value="2.400.000"');
    expect(shown).toContain("Ảnh chưa được thêm");
    expect(await written(id)).toEqual(before);
    expect(await db.select().from(outcomeReportPhotos).where(eq(outcomeReportPhotos.reportId, id))).toHaveLength(0);
  });

  it("lets the report be saved with the photo field left empty, as the browser posts it", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    const saved = await postForm(page(id), { intent: "save", ...figures(), file: "" }, { cookie: leaderCookie });
    expect(saved.status).toBe(302);
    expect((await reportRow(id)).avgMonthlyIncome).toBe(2_400_000n);
  });

  it("puts the photo's field and button in the report's own form", async () => {
    const grant = await grantOfLeader();
    const shown = await text(await get(page(grant.reportId("m6")), leaderCookie));
    expect(shown).toMatch(/<form[^>]*id="report-form"/);
    expect(shown).toMatch(/<input[^>]*name="file"[^>]*form="report-form"/);
    expect(shown).toMatch(/<button[^>]*form="report-form"[^>]*formEncType="multipart\/form-data"[^>]*value="upload"|<button[^>]*value="upload"[^>]*form="report-form"/i);
  });
});

describe("review", () => {
  it("asks for changes with a message, the group sees it and resubmits, staff approve and the next tranche is due for finance", async () => {
    const grant = await grantOfLeader();
    const id = grant.reportId("m6");
    expect((await postForm(page(id), { intent: "submit", ...figures() }, { cookie: leaderCookie })).status).toBe(302);

    // Asking for changes needs a message; a refused review writes nothing.
    const before = await written(id);
    const bare = await postForm(reviewPage(id), { decision: "changes", message: "" }, { cookie: adminCookie });
    expect(bare.status).toBe(400);
    expect(await text(bare)).toContain("Viết cho nhóm biết cần sửa gì.");
    expect(await written(id)).toEqual(before);

    const message = "Nhóm ghi thêm số chị em có thu nhập và ảnh vườn.";
    const asked = await postForm(reviewPage(id), { decision: "changes", message }, { cookie: adminCookie });
    expect(asked.status).toBe(200);
    const row = await reportRow(id);
    expect(row.status).toBe("changes_requested");
    expect(row.reviewMessage).toBe(message);
    for (const userId of [leader.id, facilitator.id]) {
      const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.messageKey, "outcomes.notice.changes")));
      expect(notice.link).toBe(`/reports/${id}`);
    }
    const [mail] = await db.select().from(outbox).where(and(eq(outbox.toAddress, leader.email), eq(outbox.template, "report-changes-requested")));
    expect(mail.text).toContain(message);
    expect(await text(await get(page(id), leaderCookie))).toContain(message);

    // A draft save keeps the message in view; then the group submits again.
    expect((await postForm(page(id), { intent: "save", ...figures({ womenEarning: "2" }) }, { cookie: facilitatorCookie })).status).toBe(302);
    expect((await reportRow(id)).status).toBe("changes_requested");
    expect((await postForm(page(id), { intent: "submit", ...figures({ womenEarning: "2" }) }, { cookie: facilitatorCookie })).status).toBe(302);
    expect((await reportRow(id)).status).toBe("submitted");
    expect(await text(await get(`${server.url}/admin/reports`, adminCookie))).toContain(`/admin/reports/${id}`);

    const [m6Tranche] = await db.select().from(tranches).where(and(eq(tranches.grantId, grant.grantId), eq(tranches.waitsFor, "report:m6")));
    expect(m6Tranche.conditionMetAt).toBeNull();
    const approved = await postForm(reviewPage(id), { decision: "approve", message: "Cảm ơn nhóm." }, { cookie: adminCookie });
    expect(approved.status).toBe(200);
    expect((await reportRow(id)).status).toBe("approved");
    const [met] = await db.select().from(tranches).where(eq(tranches.id, m6Tranche.id));
    expect(met.conditionMetAt).not.toBeNull();
    expect(met.conditionMetBy).toBe(admin.id);
    // Finance hears that the tranche is due, in the app and by e-mail.
    const financeNotices = (
      await db.select().from(notifications).where(and(eq(notifications.userId, finance.id), eq(notifications.messageKey, "grants.notice.trancheDue")))
    ).filter((n) => n.link?.includes(grant.grantId));
    expect(financeNotices).toHaveLength(1);
    const financeMails = await db.select().from(outbox).where(and(eq(outbox.toAddress, finance.email), eq(outbox.template, "grant-tranche-due")));
    expect(financeMails.filter((m) => m.text.includes(grant.grantId))).toHaveLength(1);
    // The group hears of the approval.
    const approvals = await db.select().from(outbox).where(and(eq(outbox.toAddress, leader.email), eq(outbox.template, "report-approved")));
    expect(approvals.filter((m) => m.text.includes(`/reports/${id}`))).toHaveLength(1);
    const trail = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    expect(trail.map((a) => a.action)).toEqual([
      "outcome_report.submitted",
      "outcome_report.changes_requested",
      "outcome_report.saved",
      "outcome_report.submitted",
      "outcome_report.approved",
    ]);
    const [tranche] = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, m6Tranche.id));
    expect(tranche.action).toBe("tranche.condition_met");
    expect((await db.select({ status: grants.status }).from(grants).where(eq(grants.id, grant.grantId)))[0].status).toBe("active");
  });
});
