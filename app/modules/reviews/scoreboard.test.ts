import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationScores, auditLog, rounds, rubricCriteria } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { cookiesFrom, get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { makeApplication, makeAssignment, makeEligibleApplication, makeGroup, makeReview, makeScoredRound } from "../../testing/factories";
import { findRound, roundFormValues } from "../programmes/rounds.server";

// The scoreboard's figures, checked against sums done by hand on a small round:
//
//   criteria: A (weight 3, out of 10), B (weight 1, out of 5)
//   a review's score = (A/10 × 3 + B/5 × 1) / 4 × 100
//
//   Sa nhân      70 M   reviews (10, 5) = 100    and (9, 4) = 87.5   → 93.75, spread 12.5, A 9.5, B 4.5
//   Ong rừng     80 M   reviews (8, 4)  = 80     and (5, 5) = 62.5   → 71.25, spread 17.5, A 6.5, B 4.5
//   Thổ cẩm      60 M   one review (6, 3) = 60 (the other is a draft, not counted) → 60, spread 0
//   Măng tre     50 M   no review                                    → unscored, ranked last
//
//   running totals in rank order: 70 M, 150 M, 210 M, 260 M; budget 200 M → the funding line
//   falls between Ong rừng and Thổ cẩm.

let server: TestServer;
let adminCookie: string;
let roundId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const admin = await makeUser(["admin"]);
  adminCookie = await logInOver(server, admin.email);
  const [r1, r2] = await Promise.all([makeUser(["reviewer"]), makeUser(["reviewer"])]);
  const round = await makeScoredRound({
    budget: 200_000_000n,
    maxGrant: 100_000_000n,
    spreadThreshold: 15,
    title: "Đợt chấm thử",
    criteria: [
      { labelVi: "Tính khả thi", labelEn: "Feasibility", weight: 3, maxScore: 10 },
      { labelVi: "Ngân sách hợp lý", labelEn: "Reasonable budget", weight: 1, maxScore: 5 },
    ],
  });
  roundId = round.roundId;
  const c = round.criterionIds;
  const t0 = Date.now() - 10_000;
  const app = async (key: string, group: string, title: string, requested: bigint, i: number) => {
    ids[key] = (await makeApplication({ roundId, groupId: (await makeGroup({ name: group })).id, title, requested, status: "eligible", submittedAt: new Date(t0 + i) })).id;
  };
  await app("sanhan", "Nhóm trồng sa nhân", "Vườn sa nhân dưới tán rừng", 70_000_000n, 1);
  await app("ong", "Nhóm nuôi ong rừng", "Nuôi ong lấy mật", 80_000_000n, 2);
  await app("thocam", "Tổ dệt thổ cẩm", "Khung dệt mới", 60_000_000n, 3);
  // A title a spreadsheet would run as a formula.
  await app("mang", "Hợp tác xã măng tre", "=HYPERLINK(\"http://evil\") Măng tre", 50_000_000n, 4);
  await makeReview({ applicationId: ids.sanhan, reviewerId: r1.id, criterionIds: c, scores: [10, 5] });
  await makeReview({ applicationId: ids.sanhan, reviewerId: r2.id, criterionIds: c, scores: [9, 4] });
  await makeReview({ applicationId: ids.ong, reviewerId: r1.id, criterionIds: c, scores: [8, 4] });
  await makeReview({ applicationId: ids.ong, reviewerId: r2.id, criterionIds: c, scores: [5, 5] });
  await makeReview({ applicationId: ids.thocam, reviewerId: r1.id, criterionIds: c, scores: [6, 3] });
  await makeReview({ applicationId: ids.thocam, reviewerId: r2.id, criterionIds: c, scores: [0, 0], status: "in_progress" });
  // Not on the board: one awaiting screening, and one in another round.
  await makeApplication({ roundId, groupId: (await makeGroup({ name: "Nhóm chưa sàng lọc" })).id, title: "Chưa sàng lọc", requested: 30_000_000n, status: "submitted" });
  const other = await makeScoredRound({ budget: 100_000_000n, maxGrant: 50_000_000n, criteria: [{ labelVi: "X", labelEn: "X", weight: 1, maxScore: 10 }] });
  await makeApplication({ roundId: other.roundId, groupId: (await makeGroup({ name: "Nhóm đợt khác" })).id, title: "Đợt khác", requested: 10_000_000n, status: "eligible" });
});
afterAll(() => server.close());

const board = (query = "") => `${server.url}/admin/rounds/${roundId}/scoreboard${query}`;

/** Each application row of the table, by application id, in page order. */
function rowsIn(html: string): { id: string; html: string }[] {
  return [...html.matchAll(/<tr data-application="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ id: m[1], html: m[2] }));
}

const cells = (row: string) =>
  [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, " ").replace(/[\s\u00a0]+/g, " ").trim());

describe("the scoreboard", () => {
  it("ranks by the weighted score out of 100, with per-criterion means, spread, reviews done and running totals", async () => {
    const response = await get(board(), adminCookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = rowsIn(html);
    expect(rows.map((r) => r.id)).toEqual([ids.sanhan, ids.ong, ids.thocam, ids.mang]);
    // rank, application, score, A, B, spread, reviews, requested, running, decision (after the checkbox cell)
    const [sanhan, ong, thocam, mang] = rows.map((r) => cells(r.html).slice(1));
    expect(sanhan.slice(0, 1)).toEqual(["1"]);
    expect(sanhan.slice(2)).toEqual(["93,8", "9,5", "4,5", "12,5", "2/2", "70.000.000 ₫", "70.000.000 ₫ Trong ngân sách", "Chưa quyết định"]);
    expect(ong.slice(2)).toEqual(["71,3", "6,5", "4,5", "17,5 ⚑ chênh cao", "2/2", "80.000.000 ₫", "150.000.000 ₫ Trong ngân sách", "Chưa quyết định"]);
    expect(thocam.slice(2)).toEqual(["60", "6", "3", "0", "1/2", "60.000.000 ₫", "210.000.000 ₫ Vượt ngân sách", "Chưa quyết định"]);
    expect(mang.slice(2)).toEqual(["—", "—", "—", "—", "0/2", "50.000.000 ₫", "260.000.000 ₫ Vượt ngân sách", "Chưa quyết định"]);
    expect(html).not.toContain("Chưa sàng lọc");
    expect(html).not.toContain("Đợt khác");
    expect(html).toContain("4 hồ sơ");
  });

  it("draws the funding line after the last application the budget reaches", async () => {
    const html = (await (await get(board(), adminCookie)).text()).replace(/\u00a0/g, " ");
    const line = html.indexOf("Đường tài trợ — ngân sách 200.000.000 ₫");
    expect(line).toBeGreaterThan(0);
    expect(html.indexOf(`data-application="${ids.ong}"`)).toBeLessThan(line);
    expect(html.indexOf(`data-application="${ids.thocam}"`)).toBeGreaterThan(line);
    expect(html.match(/Đường tài trợ/g)).toHaveLength(1);
    // In another order there is no single line to draw; each row says whether it is reached.
    expect(await (await get(board("?sort=amount"), adminCookie)).text()).not.toContain("Đường tài trợ");
  });

  it("sorts by spread and by amount, and filters flagged and undecided rows", async () => {
    const order = async (query: string) => rowsIn(await (await get(board(query), adminCookie)).text()).map((r) => r.id);
    expect(await order("?sort=spread")).toEqual([ids.ong, ids.sanhan, ids.thocam, ids.mang]);
    expect(await order("?sort=amount")).toEqual([ids.ong, ids.sanhan, ids.thocam, ids.mang]);
    expect(await order("?sort=amount&dir=asc")).toEqual([ids.mang, ids.thocam, ids.sanhan, ids.ong]);
    expect(await order("?sort=score&dir=asc")).toEqual([ids.thocam, ids.ong, ids.sanhan, ids.mang]);
    expect(await order("?flagged=1")).toEqual([ids.ong]);
    expect(await order("?decided=decided")).toEqual([]);
    expect(await order("?decided=undecided")).toHaveLength(4);
    // A hand-edited query shows the default view rather than an error.
    expect(await order("?sort=drop+table&decided=maybe&page=-3")).toEqual([ids.sanhan, ids.ong, ids.thocam, ids.mang]);
  });

  it("exports CSV with a BOM, exact figures and formula cells defused", async () => {
    const response = await get(`${server.url}/admin/rounds/${roundId}/scoreboard.csv`, adminCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe(
      "Hạng,Nhóm,Tên dự án,Điểm (trên 100),Tính khả thi (/10),Ngân sách hợp lý (/5),Độ chênh,Chênh điểm cao,Số bài chấm đã nộp,Số bài chấm cần có,Số tiền xin (đồng),Cộng dồn,Trong ngân sách,Quyết định,Số tiền được duyệt (đồng)",
    );
    expect(lines[1]).toBe("1,Nhóm trồng sa nhân,Vườn sa nhân dưới tán rừng,93.75,9.50,4.50,12.50,Không,2,2,70000000,70000000,Có,Chưa quyết định,");
    expect(lines[2]).toBe("2,Nhóm nuôi ong rừng,Nuôi ong lấy mật,71.25,6.50,4.50,17.50,Có,2,2,80000000,150000000,Có,Chưa quyết định,");
    expect(lines[3]).toBe("3,Tổ dệt thổ cẩm,Khung dệt mới,60.00,6.00,3.00,0.00,Không,1,2,60000000,210000000,Không,Chưa quyết định,");
    expect(lines[4]).toBe(`4,Hợp tác xã măng tre,"'=HYPERLINK(""http://evil"") Măng tre",,,,,Không,0,2,50000000,260000000,Không,Chưa quyết định,`);
    expect(lines[5]).toBe("");
    expect(lines).toHaveLength(6);

    const flagged = await (await get(`${server.url}/admin/rounds/${roundId}/scoreboard.csv?flagged=1`, adminCookie)).text();
    expect(flagged.split("\r\n")).toHaveLength(3);
  });

  it("lets the admin set the spread threshold (audited) and refuses a bad one", async () => {
    const audits = async () => (await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, "round.spreadThreshold"), eq(auditLog.entityId, roundId))))[0].n;
    for (const [value, message] of [
      ["abc", "Hãy nhập một số nguyên."],
      ["101", "Hãy nhập một số từ 0 đến 100."],
      ["", "Vui lòng điền mục này."],
    ]) {
      const response = await postForm(board(), { intent: "threshold", spreadThreshold: value }, { cookie: adminCookie });
      expect(response.status, value).toBe(400);
      expect(await response.text()).toContain(message);
    }
    const forged = await postForm(board(), { intent: "threshold", spreadThreshold: "10", budget: "1" }, { cookie: adminCookie });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Biểu mẫu có mục không được phép.");
    expect(await audits()).toBe(0);
    expect((await db.select({ t: rounds.spreadThreshold }).from(rounds).where(eq(rounds.id, roundId)))[0].t).toBe(15);

    const saved = await postForm(board(), { intent: "threshold", spreadThreshold: "20" }, { cookie: adminCookie });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Đã lưu ngưỡng chênh điểm.");
    expect(await audits()).toBe(1);
    expect(rowsIn(await (await get(board("?flagged=1"), adminCookie)).text())).toEqual([]);
    await postForm(board(), { intent: "threshold", spreadThreshold: "15" }, { cookie: adminCookie });
  });

  it("speaks English to an English reader", async () => {
    const switched = await postForm(`${server.url}/language`, { locale: "en", redirectTo: "/" }, { cookie: adminCookie });
    const cookie = `${adminCookie}; ${cookiesFrom(switched)}`;
    const html = (await (await get(board(), cookie)).text()).replace(/\u00a0/g, " ");
    expect(html).toContain("Funding line — budget ₫200,000,000");
    expect(cells(rowsIn(html)[1].html).slice(3, 7)).toEqual(["71.3", "6.5", "4.5", "17.5 ⚑ high spread"]);
    // The choice is also kept on the account; put it back for the other tests.
    await postForm(`${server.url}/language`, { locale: "vi", redirectTo: "/" }, { cookie });
  });

  it("is for admins only, and unknown rounds are not found", async () => {
    for (const role of ["reviewer", "finance", "applicant", "facilitator"] as const) {
      const user = await makeUser([role]);
      const cookie = await logInOver(server, user.email);
      expect((await get(board(), cookie)).status, role).toBe(403);
      expect((await get(`${server.url}/admin/rounds/${roundId}/scoreboard.csv`, cookie)).status, role).toBe(403);
      expect((await postForm(board(), { intent: "threshold", spreadThreshold: "1" }, { cookie })).status, role).toBe(403);
    }
    expect((await get(`${server.url}/admin/rounds/00000000-0000-4000-8000-000000000000/scoreboard`, adminCookie)).status).toBe(404);
    expect((await get(`${server.url}/admin/rounds/not-a-uuid/scoreboard.csv`, adminCookie)).status).toBe(404);
  });
});

describe("the figures kept for the scoreboard", () => {
  it("sorts amounts as numbers, not as text, within a page", async () => {
    const made = await makeScoredRound({ budget: 100_000_000n, maxGrant: 50_000_000n, criteria: [{ labelVi: "A", labelEn: "A", weight: 1, maxScore: 10 }] });
    const ids: string[] = [];
    for (const [i, requested] of [9_000_000n, 10_000_000n, 8_500_000n].entries()) {
      ids.push((await makeApplication({ roundId: made.roundId, groupId: (await makeGroup({ name: `Nhóm số tiền ${i}` })).id, title: `Số tiền ${i}`, requested, status: "eligible" })).id);
    }
    const order = async (query: string) =>
      rowsIn(await (await get(`${server.url}/admin/rounds/${made.roundId}/scoreboard${query}`, adminCookie)).text()).map((r) => r.id);
    expect(await order("?sort=amount")).toEqual([ids[1], ids[0], ids[2]]);
    expect(await order("?sort=amount&dir=asc")).toEqual([ids[2], ids[0], ids[1]]);
  });

  it("count both reviews when two reviewers submit on the same application at the same moment", async () => {
    const admin = await makeUser(["admin"]);
    const { round } = await makeScoredRound();
    const group = await makeGroup({ recordedBy: admin.id, name: "Nhóm chấm cùng lúc" });
    const application = await makeEligibleApplication(round.id, group.id);
    const reviewers = await Promise.all([makeUser(["reviewer"]), makeUser(["reviewer"])]);
    const sessions = await Promise.all(reviewers.map((r) => logInOver(server, r.email)));
    const assignments = await Promise.all(reviewers.map((r) => makeAssignment(application.id, r.id, { status: "in_progress", noConflictAt: new Date() })));
    // Weights 3, 2, 1 out of 10, 5, 20: (8, 4, 15) = 79.17 and (2, 4, 15) = 49.17.
    const sheet = (first: string) => ({
      intent: "submit",
      score_1: first,
      comment_1: "Phụ nữ giữ vai trò chính",
      score_2: "4",
      comment_2: "Kế hoạch rõ",
      score_3: "15",
      comment_3: "Có quy tắc thu hái",
      recommendation: "fund",
      overallComment: "Nên tài trợ",
    });
    const answers = await Promise.all(
      assignments.map((a, i) => postForm(`${server.url}/reviews/${a.id}`, sheet(i === 0 ? "8" : "2"), { cookie: sessions[i] })),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const [kept] = await db.select().from(applicationScores).where(eq(applicationScores.applicationId, application.id));
    expect(kept).toMatchObject({ score: "64.166667", spread: "30.000000", reviewsDone: 2, criterionMeans: { "1": 5, "2": 4, "3": 15 } });
  });

  it("follow a rubric change: submitted reviews are weighed by the rubric as it is now", async () => {
    // A (weight 1, out of 10) and B (weight 1, out of 10); one review (10, 0) = 50. A's weight
    // becomes 3: (10/10 × 3 + 0) / 4 × 100 = 75.
    const made = await makeScoredRound({
      budget: 100_000_000n,
      maxGrant: 50_000_000n,
      criteria: [
        { labelVi: "A", labelEn: "A", weight: 1, maxScore: 10 },
        { labelVi: "B", labelEn: "B", weight: 1, maxScore: 10 },
      ],
      // The kept means are keyed by the criteria's positions, numbered here from 0.
      firstPosition: 0,
    });
    const applicationId = (await makeApplication({ roundId: made.roundId, groupId: (await makeGroup({ name: "Nhóm đổi tiêu chí" })).id, title: "Đổi tiêu chí", requested: 20_000_000n, status: "eligible" })).id;
    const reviewer = await makeUser(["reviewer"]);
    await makeReview({ applicationId, reviewerId: reviewer.id, criterionIds: made.criterionIds, scores: [10, 0] });
    const scoreOnBoard = async () => cells(rowsIn(await (await get(`${server.url}/admin/rounds/${made.roundId}/scoreboard`, adminCookie)).text())[0].html)[3];
    expect(await scoreOnBoard()).toBe("50");

    const round = (await findRound(made.roundId))!;
    const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, made.roundId)).orderBy(rubricCriteria.position);
    const values = roundFormValues(round, criteria);
    values.criteria[0].weight = "3";
    const { criteria: rows, tranches, reports, ...scalars } = values;
    const fields: Record<string, string | string[]> = { intent: "save", confirmRubricChange: "yes", ...scalars };
    for (const [list, items] of Object.entries({ criteria: rows, tranches, reports })) {
      items.forEach((item, i) => Object.entries(item).forEach(([key, value]) => (fields[`${list}.${i}.${key}`] = String(value))));
    }
    const saved = await postForm(`${server.url}/admin/rounds/${made.roundId}`, fields, { cookie: adminCookie });
    expect(saved.status, (await saved.clone().text()).slice(0, 300)).toBe(302);
    expect(await scoreOnBoard()).toBe("75");
    const [kept] = await db.select().from(applicationScores).where(eq(applicationScores.applicationId, applicationId));
    expect(kept).toMatchObject({ score: "75.000000", spread: "0.000000", reviewsDone: 1, criterionMeans: { "0": 10, "1": 0 } });
  });
});
