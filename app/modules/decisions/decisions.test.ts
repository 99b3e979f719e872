import { and, count, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, auditLog, decisions, grants, notifications, outbox, reviewAssignments, rubricCriteria, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { formatMoney } from "../../i18n/format";
import { cookiesFrom, get, logInOver, makeUser, postForm, rejection, startServer, type TestServer } from "../../testing/fixtures";
import { isBudgetViolation } from "./decisions.server";
import { makeApplication, makeAssignment, makeGroup, makeRequiredReviews, makeReview, makeScoredRound } from "../../testing/factories";

// Decisions at the HTTP level: one at a time and in batches, every refusal writes nothing, the
// group is told and reads the decision in its language, and nobody else can.

let server: TestServer;
let adminCookie: string;
let roundId: string;
let owner: { id: string; email: string };
let ownerCookie: string;
let facilitator: { id: string; email: string };
let groupId: string;

const vnd = (amount: bigint) => formatMoney(amount, "vi");

beforeAll(async () => {
  server = await startServer();
  const admin = await makeUser(["admin"]);
  adminCookie = await logInOver(server, admin.email);
  owner = await makeUser(["applicant"], { name: "Giàng Thị Mai" });
  ownerCookie = await logInOver(server, owner.email);
  facilitator = await makeUser(["facilitator"], { name: "Cán Bộ Hiện Trường" });
  groupId = (await makeGroup({ name: "Nhóm trồng sa nhân Tả Van", ownerId: owner.id, facilitatorIds: [facilitator.id] })).id;
  ({ roundId } = await makeScoredRound({
    budget: 300_000_000n,
    maxGrant: 100_000_000n,
    criteria: [{ labelVi: "Tính khả thi", labelEn: "Feasibility", weight: 1, maxScore: 10 }],
  }));
});
afterAll(() => server.close());

/**
 * An eligible application of a new group in the test round (or the given one), with the reviews
 * its round requires submitted (or `reviews` of them).
 */
async function eligible(
  title: string,
  requested: bigint,
  options: { group?: string; round?: string; status?: "eligible" | "submitted" | "waitlisted"; reviews?: number } = {},
) {
  const application = await makeApplication({
    roundId: options.round ?? roundId,
    groupId: options.group ?? ((await makeGroup({ name: `Nhóm ${title}` })).id),
    title,
    requested,
    status: options.status ?? "eligible",
  });
  if (application.status === "eligible") await makeRequiredReviews(application.id, options.reviews);
  return application.id;
}

/** Another group of the same leader and facilitator (a group applies once per round). */
const ownGroup = async (name: string) => (await makeGroup({ name, ownerId: owner.id, facilitatorIds: [facilitator.id] })).id;

const pageOf = (id: string, round = roundId) => `${server.url}/admin/rounds/${round}/decisions/${id}`;
const board = () => `${server.url}/admin/rounds/${roundId}/scoreboard`;

/** Everything a decision writes, counted: a refused post must leave each figure as it was. */
async function written() {
  const n = async (table: typeof decisions | typeof auditLog | typeof notifications | typeof outbox) => (await db.select({ n: count() }).from(table))[0].n;
  return { decisions: await n(decisions), audit: await n(auditLog), notifications: await n(notifications), outbox: await n(outbox) };
}

async function statusOf(id: string) {
  return (await db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0].s;
}

const approve = (fields: Record<string, string> = {}) => ({
  outcome: "approved",
  awardedAmount: "60.000.000",
  conditions: "Gửi báo giá cây giống trước đợt tiền đầu tiên.",
  reasonVi: "Kế hoạch rõ ràng, lợi ích trực tiếp cho chị em.",
  reasonEn: "A clear plan that directly benefits the women.",
  ...fields,
});

describe("deciding one application", () => {
  it("shows what each reviewer wrote beside the scores, and links to the application", async () => {
    const id = await eligible("Vườn quế", 50_000_000n, { reviews: 1 });
    const reviewer = await makeUser(["reviewer"], { name: "Hà Văn Khải" });
    const [criterion] = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId));
    await makeReview({ applicationId: id, reviewerId: reviewer.id, criterionIds: [criterion.id], scores: [4] });
    await db
      .update(reviewAssignments)
      .set({ recommendation: "do_not_fund", overallComment: "Giá cây giống cao gấp đôi thị trường." })
      .where(and(eq(reviewAssignments.applicationId, id), eq(reviewAssignments.reviewerId, reviewer.id)));
    const html = (await (await get(pageOf(id), adminCookie)).text()).replace(/<!-- -->/g, "");
    const committee = html.slice(html.indexOf('id="committee-heading"'));
    expect(committee).toContain("Hà Văn Khải — Không nên tài trợ");
    expect(committee).toContain("Giá cây giống cao gấp đôi thị trường.");
    expect(committee).toMatch(/Tính khả thi<\/th><td class="num">4 \/ 10<\/td><td class="pre-wrap">Nhận xét<\/td>/);
    expect(html).toContain(`href="/admin/applications/${id}"`);
  });

  it("approves a smaller award with conditions: status, decision, audit, e-mail and notices", async () => {
    const id = await eligible("Vườn sa nhân", 80_000_000n, { group: groupId });
    const page = await get(pageOf(id), adminCookie);
    expect(page.status).toBe(200);
    expect((await page.text()).replace(/\u00a0/g, " ")).toContain("80.000.000 ₫ — tám mươi triệu đồng");

    const response = await postForm(pageOf(id), approve(), { cookie: adminCookie });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Đã lưu quyết định. Nhóm đã được thông báo.");
    expect(await statusOf(id)).toBe("approved");
    const [decision] = await db.select().from(decisions).where(eq(decisions.applicationId, id));
    expect(decision).toMatchObject({ outcome: "approved", awardedAmount: 60_000_000n, roundId, conditions: "Gửi báo giá cây giống trước đợt tiền đầu tiên." });

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "application.approved")));
    expect(audit.data).toMatchObject({ from: "eligible", to: "approved", awardedAmount: "60000000", batch: false });

    // The approval becomes a grant awaiting acceptance, its tranches summing exactly to the award.
    const [grant] = await db.select().from(grants).where(eq(grants.applicationId, id));
    expect(grant).toMatchObject({ status: "awaiting_acceptance", awardedAmount: 60_000_000n, groupId });
    const parts = await db.select().from(tranches).where(eq(tranches.grantId, grant.id));
    expect(parts.reduce((sum, t) => sum + t.amount, 0n)).toBe(60_000_000n);

    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, owner.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Hồ sơ của nhóm được tài trợ");
    expect(mails[0].text.replace(/\u00a0/g, " ")).toContain("60.000.000 ₫ — sáu mươi triệu đồng");
    expect(mails[0].text).toContain("Kế hoạch rõ ràng");
    expect(mails[0].text).toContain(`/decisions/${id}`);
    // The facilitator hears in the app; only the leader's account gets the e-mail.
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, facilitator.email))).toHaveLength(0);
    const notices = await db.select().from(notifications).where(eq(notifications.link, `/decisions/${id}`));
    expect(notices.map((n) => n.userId).sort()).toEqual([owner.id, facilitator.id].sort());
    expect(notices[0].messageKey).toBe("decisions.notice.approved");
  });

  it("refuses bad awards, missing answers, forged fields and the wrong state with a clear message, writing nothing", async () => {
    const id = await eligible("Nuôi ong rừng", 80_000_000n);
    const big = await eligible("Dự án vượt mức", 120_000_000n);
    const undecided = await eligible("Chưa sàng lọc", 50_000_000n, { status: "submitted" });
    const rejected = await eligible("Đã từ chối", 50_000_000n);
    await postForm(pageOf(rejected), { outcome: "rejected", reasonVi: "Chưa phù hợp với vòng này." }, { cookie: adminCookie });
    expect(await statusOf(rejected)).toBe("rejected");

    const before = await written();
    const cases: [string, Record<string, string>, number, string][] = [
      [id, approve({ awardedAmount: "90.000.000" }), 400, `Số tiền tài trợ không được lớn hơn số nhóm xin (${vnd(80_000_000n)}).`],
      [big, approve({ awardedAmount: "110000000" }), 400, `Số tiền tài trợ không được lớn hơn mức tối đa của vòng (${vnd(100_000_000n)}).`],
      [id, approve({ awardedAmount: "0" }), 400, "Số tiền tài trợ phải lớn hơn 0."],
      [id, approve({ awardedAmount: "-5000000" }), 400, "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
      [id, approve({ awardedAmount: "1500000,5" }), 400, "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
      [id, approve({ awardedAmount: "5e7" }), 400, "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
      [id, approve({ awardedAmount: "" }), 400, "Hãy điền số tiền tài trợ."],
      [id, approve({ reasonVi: "   " }), 400, "Vui lòng điền mục này."],
      [id, { outcome: "rejected", reasonEn: "No Vietnamese reason" }, 400, "Vui lòng điền mục này."],
      [id, { reasonVi: "Thiếu quyết định" }, 400, "Hãy chọn một quyết định."],
      [id, { outcome: "funded", reasonVi: "Sai giá trị" }, 400, "Giá trị này không hợp lệ."],
      [id, approve({ status: "approved" }), 400, "Biểu mẫu có mục không được phép."],
      [id, approve({ decidedBy: "00000000-0000-4000-8000-000000000000" }), 400, "Biểu mẫu có mục không được phép."],
      [id, approve({ reasonVi: "a\u0000b" }), 400, "Có ký tự không hợp lệ."],
      [rejected, approve({ awardedAmount: "10000000" }), 400, "Hồ sơ này không ở trạng thái chờ quyết định."],
      [rejected, { outcome: "waitlisted", reasonVi: "Đổi ý" }, 400, "Hồ sơ này không ở trạng thái chờ quyết định."],
    ];
    for (const [target, fields, status, message] of cases) {
      const response = await postForm(pageOf(target), fields, { cookie: adminCookie });
      const label = JSON.stringify(fields);
      expect(response.status, label).toBe(status);
      expect((await response.text()).replace(/\u00a0/g, " "), label).toContain(message.replace(/\u00a0/g, " "));
    }
    // Not on the scoreboard (not screened), in another round, or not an id at all: not found.
    const other = await makeScoredRound({ budget: 100_000_000n, maxGrant: 50_000_000n, criteria: [{ labelVi: "X", labelEn: "X", weight: 1, maxScore: 5 }] });
    const elsewhere = await eligible("Đợt khác", 10_000_000n, { round: other.roundId });
    for (const url of [pageOf(undecided), pageOf(elsewhere), pageOf("not-a-uuid"), pageOf(id, other.roundId)]) {
      expect((await postForm(url, approve({ awardedAmount: "1000000" }), { cookie: adminCookie })).status, url).toBe(404);
    }
    expect(await written()).toEqual(before);
    expect([await statusOf(id), await statusOf(big), await statusOf(undecided), await statusOf(elsewhere)]).toEqual(["eligible", "eligible", "submitted", "eligible"]);
  });

  it("keeps approved awards within the round's budget, saying how much is left", async () => {
    const { roundId: small } = await makeScoredRound({ budget: 100_000_000n, maxGrant: 60_000_000n, criteria: [{ labelVi: "X", labelEn: "X", weight: 1, maxScore: 5 }] });
    const first = await eligible("Thứ nhất", 60_000_000n, { round: small });
    const second = await eligible("Thứ hai", 60_000_000n, { round: small });
    expect((await postForm(pageOf(first, small), approve({ awardedAmount: "60000000" }), { cookie: adminCookie })).status).toBe(200);
    const before = await written();
    const refused = await postForm(pageOf(second, small), approve({ awardedAmount: "50000000" }), { cookie: adminCookie });
    expect(refused.status).toBe(400);
    expect((await refused.text()).replace(/\u00a0/g, " ")).toContain("Vượt ngân sách của vòng: chỉ còn 40.000.000 ₫.");
    expect(await written()).toEqual(before);
    // What fits is still accepted.
    expect((await postForm(pageOf(second, small), approve({ awardedAmount: "40000000" }), { cookie: adminCookie })).status).toBe(200);
  });

  it("moves a waitlisted application on to approval, keeping one decision row", async () => {
    const id = await eligible("Danh sách chờ", 30_000_000n);
    expect((await postForm(pageOf(id), { outcome: "waitlisted", reasonVi: "Chờ xem ngân sách còn lại." }, { cookie: adminCookie })).status).toBe(200);
    expect(await statusOf(id)).toBe("waitlisted");
    expect((await postForm(pageOf(id), approve({ awardedAmount: "30000000" }), { cookie: adminCookie })).status).toBe(200);
    expect(await statusOf(id)).toBe("approved");
    const rows = await db.select().from(decisions).where(eq(decisions.applicationId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "approved", awardedAmount: 30_000_000n });
    const actions = (await db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id)).map((r) => r.a);
    expect(actions).toEqual(["application.waitlisted", "application.approved"]);
  });

  it("the database itself refuses awards over the budget written around the module, and the module knows its error", async () => {
    const { roundId: tight } = await makeScoredRound({ budget: 10_000_000n, maxGrant: 10_000_000n, criteria: [{ labelVi: "X", labelEn: "X", weight: 1, maxScore: 5 }] });
    const a = await eligible("Ngoài luồng A", 10_000_000n, { round: tight });
    const b = await eligible("Ngoài luồng B", 10_000_000n, { round: tight });
    const admin = await makeUser(["admin"]);
    const row = (applicationId: string) => ({ applicationId, roundId: tight, outcome: "approved" as const, awardedAmount: 10_000_000n, reasonVi: "x", decidedBy: admin.id });
    await db.insert(decisions).values(row(a));
    let caught: unknown;
    try {
      await db.insert(decisions).values(row(b));
    } catch (error) {
      caught = error;
    }
    expect(isBudgetViolation(caught)).toBe(true);
    expect(isBudgetViolation(new Error("something else"))).toBe(false);
    expect(await rejection(db.insert(decisions).values(row(b)))).toMatch(/exceed the round budget/);
  });
});

describe("deciding a batch from the scoreboard", () => {
  it("waitlists, then approves, the selected applications together", async () => {
    const one = await eligible("Lô một", 20_000_000n);
    const two = await eligible("Lô hai", 25_000_000n);
    const waitlist = await postForm(board(), { intent: "batch", applicationIds: [one, two], outcome: "waitlisted", reasonVi: "Chờ ngân sách." }, { cookie: adminCookie });
    expect(waitlist.status).toBe(200);
    expect(await waitlist.text()).toContain("Đã lưu quyết định cho 2 hồ sơ.");
    expect([await statusOf(one), await statusOf(two)]).toEqual(["waitlisted", "waitlisted"]);

    const fund = await postForm(board(), { intent: "batch", applicationIds: [one, two], outcome: "approved", reasonVi: "Còn ngân sách.", conditions: "Báo cáo sau 6 tháng." }, { cookie: adminCookie });
    expect(fund.status).toBe(200);
    const rows = await db.select().from(decisions).where(inArray(decisions.applicationId, [one, two]));
    expect(rows.map((r) => [r.outcome, r.awardedAmount, r.conditions]).sort()).toEqual([
      ["approved", 20_000_000n, "Báo cáo sau 6 tháng."],
      ["approved", 25_000_000n, "Báo cáo sau 6 tháng."],
    ]);
    const audits = await db.select().from(auditLog).where(and(inArray(auditLog.entityId, [one, two]), eq(auditLog.action, "application.approved")));
    expect(audits.map((a) => (a.data as { batch: boolean }).batch)).toEqual([true, true]);
  });

  it("refuses the whole batch when one id is forged, not decidable, or the total passes the budget", async () => {
    const { roundId: small } = await makeScoredRound({ budget: 50_000_000n, maxGrant: 30_000_000n, criteria: [{ labelVi: "X", labelEn: "X", weight: 1, maxScore: 5 }] });
    const smallBoard = `${server.url}/admin/rounds/${small}/scoreboard`;
    const a = await eligible("Lô A", 30_000_000n, { round: small });
    const b = await eligible("Lô B", 30_000_000n, { round: small });
    const screening = await eligible("Lô chưa sàng lọc", 10_000_000n, { round: small, status: "submitted" });
    const foreign = await eligible("Lô đợt khác", 10_000_000n);
    const batch = (fields: Record<string, string | string[]>) => postForm(smallBoard, { intent: "batch", outcome: "approved", reasonVi: "Lý do.", ...fields }, { cookie: adminCookie });
    const before = await written();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ applicationIds: [a, b] }, `Vượt ngân sách của vòng: chỉ còn ${vnd(50_000_000n)}.`],
      [{ applicationIds: [a, foreign] }, "Có hồ sơ đã chọn không thuộc vòng này."],
      [{ applicationIds: [a, "not-a-uuid"] }, "Có hồ sơ đã chọn không thuộc vòng này."],
      [{ applicationIds: [a, "00000000-0000-4000-8000-000000000000"] }, "Có hồ sơ đã chọn không thuộc vòng này."],
      [{ applicationIds: [a, screening] }, "Các hồ sơ này không còn chờ quyết định: Lô chưa sàng lọc."],
      [{}, "Hãy chọn ít nhất một hồ sơ."],
      [{ applicationIds: [a], reasonVi: "" }, "Vui lòng điền mục này."],
      [{ applicationIds: [a], awardedAmount: "1" }, "Biểu mẫu có mục không được phép."],
      [{ applicationIds: Array.from({ length: 101 }, () => a) }, "Chọn tối đa 100 hồ sơ một lần."],
    ];
    for (const [fields, message] of cases) {
      const response = await batch(fields);
      expect(response.status, message).toBe(400);
      expect((await response.text()).replace(/\u00a0/g, " "), message).toContain(message.replace(/\u00a0/g, " "));
    }
    const unknownIntent = await postForm(smallBoard, { intent: "drop", applicationIds: a }, { cookie: adminCookie });
    expect(unknownIntent.status).toBe(400);
    expect(await written()).toEqual(before);
    expect([await statusOf(a), await statusOf(b), await statusOf(screening)]).toEqual(["eligible", "eligible", "submitted"]);
  });
});

describe("decisions wait for the reviews the round requires", () => {
  // Issue 16, item 1: the round asks two reviews per application; deciding closes the open ones.
  it("refuses a decision with 0 or 1 of 2 reviews, writing nothing and leaving the pending review open", async () => {
    const none = await eligible("Chưa ai chấm", 20_000_000n, { reviews: 0 });
    const one = await eligible("Mới một bài chấm", 20_000_000n, { reviews: 1 });
    const pending = await makeAssignment(one, (await makeUser(["reviewer"])).id, { status: "in_progress", noConflictAt: new Date() });
    const before = await written();
    for (const [id, done] of [[none, 0], [one, 1]] as const) {
      for (const fields of [approve(), { outcome: "rejected", reasonVi: "Không phù hợp." }]) {
        const response = await postForm(pageOf(id), fields, { cookie: adminCookie });
        expect(response.status).toBe(400);
        expect(await response.text()).toContain(`Hồ sơ mới có ${done} trên 2 bài chấm mà vòng yêu cầu.`);
      }
    }
    const batch = await postForm(board(), { intent: "batch", applicationIds: [none, one], outcome: "approved", reasonVi: "Lý do." }, { cookie: adminCookie });
    expect(batch.status).toBe(400);
    const refusedBatch = await batch.text();
    expect(refusedBatch).toContain("Các hồ sơ này chưa đủ 2 bài chấm mà vòng yêu cầu");
    expect(refusedBatch).toContain("Chưa ai chấm (0)");
    expect(refusedBatch).toContain("Mới một bài chấm (1)");
    expect(await written()).toEqual(before);
    expect([await statusOf(none), await statusOf(one)]).toEqual(["eligible", "eligible"]);
    expect((await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, pending.id)))[0].status).toBe("in_progress");
    // The page says so before the admin tries, and asks for the reason.
    const page = await (await get(pageOf(one), adminCookie)).text();
    expect(page).toContain("Hồ sơ mới có 1 trên 2 bài chấm mà vòng yêu cầu.");
    expect(page).toContain('name="reviewsOverride"');
  });

  it("takes an admin's override with its reason, recorded with the decision, audited and shown on the scoreboard", async () => {
    const one = await eligible("Quyết định sớm", 20_000_000n, { reviews: 1 });
    const reason = "Nhóm cần mua giống trước mùa mưa; người chấm thứ hai ốm dài ngày.";
    const response = await postForm(pageOf(one), approve({ awardedAmount: "20.000.000", reviewsOverride: reason }), { cookie: adminCookie });
    expect(response.status).toBe(200);
    expect(await statusOf(one)).toBe("approved");
    const [decision] = await db.select().from(decisions).where(eq(decisions.applicationId, one));
    expect(decision.reviewsOverride).toBe(reason);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, one), eq(auditLog.action, "application.approved")));
    expect(audit.data).toMatchObject({ reviewsOverride: reason, reviewsDone: 1 });
    const scoreboard = await (await get(board(), adminCookie)).text();
    expect(scoreboard).toContain(`Quyết định trước khi đủ bài chấm: ${reason}`);

    // In a batch too; a fully reviewed application in the same batch keeps no override.
    const short = await eligible("Lô sớm", 10_000_000n, { reviews: 0 });
    const full = await eligible("Lô đủ", 10_000_000n);
    const batch = await postForm(
      board(),
      { intent: "batch", applicationIds: [short, full], outcome: "waitlisted", reasonVi: "Chờ.", reviewsOverride: "Hội đồng họp lần cuối hôm nay." },
      { cookie: adminCookie },
    );
    expect(batch.status).toBe(200);
    const rows = await db.select().from(decisions).where(inArray(decisions.applicationId, [short, full]));
    expect(Object.fromEntries(rows.map((r) => [r.applicationId, r.reviewsOverride]))).toEqual({ [short]: "Hội đồng họp lần cuối hôm nay.", [full]: null });
    // From the waitlist the reviews are as complete as they will be: approved without asking again, the override kept.
    const again = await postForm(pageOf(short), approve({ awardedAmount: "10.000.000" }), { cookie: adminCookie });
    expect(again.status).toBe(200);
    expect((await db.select().from(decisions).where(eq(decisions.applicationId, short)))[0].reviewsOverride).toBe("Hội đồng họp lần cuối hôm nay.");
  });
});

describe("the group reads its decision", () => {
  let decided: string;
  beforeAll(async () => {
    decided = await eligible("Khung dệt thổ cẩm", 50_000_000n, { group: await ownGroup("Tổ dệt thổ cẩm") });
    await postForm(pageOf(decided), { outcome: "rejected", reasonVi: "Kế hoạch chưa nói rõ ai bán sản phẩm.", reasonEn: "The plan does not say who sells the products." }, { cookie: adminCookie });
  });

  it("in Vietnamese, with the amount in words, through the link in its notice", async () => {
    const [approved] = await db
      .select({ link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.messageKey, "decisions.notice.approved")))
      .orderBy(desc(notifications.createdAt))
      .limit(1);
    const response = await get(`${server.url}${approved.link}`, ownerCookie);
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/\u00a0/g, " ");
    expect(html).toContain("Hồ sơ được tài trợ.");
    expect(html).toContain("60.000.000 ₫ — sáu mươi triệu đồng");
    expect(html).toContain("Gửi báo giá cây giống trước đợt tiền đầu tiên.");
    expect(html).toContain("Kế hoạch rõ ràng, lợi ích trực tiếp cho chị em.");

    const rejectedPage = await (await get(`${server.url}/decisions/${decided}`, ownerCookie)).text();
    expect(rejectedPage).toContain("Lần này hồ sơ chưa được tài trợ.");
    expect(rejectedPage).toContain("Kế hoạch chưa nói rõ ai bán sản phẩm.");
    expect(rejectedPage).not.toContain("The plan does not say");
    // Its facilitator reads it too.
    const facilitatorCookie = await logInOver(server, facilitator.email);
    expect((await get(`${server.url}/decisions/${decided}`, facilitatorCookie)).status).toBe(200);
  });

  it("in English when the reader chose English, falling back to the Vietnamese reason", async () => {
    const reader = await makeUser(["applicant"]);
    const onlyVi = await eligible("Chỉ có lý do tiếng Việt", 20_000_000n, { group: (await makeGroup({ name: "Nhóm đọc tiếng Anh 1", ownerId: reader.id })).id });
    const both = await eligible("Có lý do tiếng Anh", 20_000_000n, { group: (await makeGroup({ name: "Nhóm đọc tiếng Anh 2", ownerId: reader.id })).id });
    await postForm(pageOf(onlyVi), { outcome: "waitlisted", reasonVi: "Chờ ngân sách đợt sau." }, { cookie: adminCookie });
    await postForm(pageOf(both), { outcome: "rejected", reasonVi: "Thiếu báo giá.", reasonEn: "The quotes are missing." }, { cookie: adminCookie });
    const readerCookie = await logInOver(server, reader.email);
    const switched = await postForm(`${server.url}/language`, { locale: "en", redirectTo: "/" }, { cookie: readerCookie });
    const cookie = `${readerCookie}; ${cookiesFrom(switched)}`;

    const english = await (await get(`${server.url}/decisions/${both}`, cookie)).text();
    expect(english).toContain("The application was not funded this time.");
    expect(english).toContain("The quotes are missing.");
    expect(english).not.toContain("Thiếu báo giá.");
    const fallback = await (await get(`${server.url}/decisions/${onlyVi}`, cookie)).text();
    expect(fallback).toContain("The application is on the waiting list");
    expect(fallback).toContain("Chờ ngân sách đợt sau.");
    expect(fallback).toContain("The reason is given in Vietnamese only.");
  });

  it("is not found for another group, an undecided application or a made-up id; staff without the role are refused", async () => {
    const stranger = await makeUser(["applicant"]);
    await makeGroup({ name: "Nhóm khác", ownerId: stranger.id });
    const strangerCookie = await logInOver(server, stranger.email);
    expect((await get(`${server.url}/decisions/${decided}`, strangerCookie)).status).toBe(404);
    const otherFacilitator = await makeUser(["facilitator"]);
    expect((await get(`${server.url}/decisions/${decided}`, await logInOver(server, otherFacilitator.email))).status).toBe(404);
    const pending = await eligible("Chưa quyết định", 20_000_000n, { group: await ownGroup("Nhóm chưa quyết định") });
    expect((await get(`${server.url}/decisions/${pending}`, ownerCookie)).status).toBe(404);
    expect((await get(`${server.url}/decisions/not-a-uuid`, ownerCookie)).status).toBe(404);
    for (const role of ["reviewer", "finance"] as const) {
      const user = await makeUser([role]);
      const cookie = await logInOver(server, user.email);
      expect((await get(`${server.url}/decisions/${decided}`, cookie)).status, role).toBe(403);
      expect((await get(pageOf(decided), cookie)).status, role).toBe(403);
      expect((await postForm(pageOf(pending), approve(), { cookie })).status, role).toBe(403);
      expect((await postForm(board(), { intent: "batch", applicationIds: pending, outcome: "rejected", reasonVi: "x" }, { cookie })).status, role).toBe(403);
    }
    expect(await statusOf(pending)).toBe("eligible");
    expect((await get(`${server.url}/decisions/${decided}`)).status).toBe(302);
  });
});
