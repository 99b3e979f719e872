import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import {
  makeApplication,
  makeAssignment,
  makeDisbursement,
  makeDueGrant,
  makeGroup,
  makeOutcomeReport,
  makeRequiredReviews,
  makeRubric,
  makeRound,
} from "../../testing/factories";
import { get, logInOver, makeUser, startServer, type TestServer } from "../../testing/fixtures";

// Issue 16, "each role's home says what needs them now": counts, each a link to the list it
// counts, read from the real states; a role with nothing waiting is told so.

let server: TestServer;
let roundId: string;
const cookies: Record<string, string> = {};

/** The home page's work list, as "link → text" lines. */
async function homeWork(role: string): Promise<string[]> {
  const html = await (await get(`${server.url}/`, cookies[role])).text();
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return [...main.matchAll(/<a [^>]*href="([^"]+)"[^>]*>(.*?)<\/a>/g)].map((m) => `${m[1].replace(/&amp;/g, "&")} → ${m[2].replace(/<!-- -->/g, "")}`);
}

async function trancheAmount(id: string): Promise<bigint> {
  const [row] = await db.select({ amount: tranches.amount }).from(tranches).where(eq(tranches.id, id));
  return row.amount;
}

beforeAll(async () => {
  server = await startServer();
  const [admin, finance, reviewer, otherFinance] = await Promise.all([makeUser(["admin"]), makeUser(["finance"]), makeUser(["reviewer"]), makeUser(["finance"])]);
  for (const [role, user] of Object.entries({ admin, finance, reviewer })) cookies[role] = await logInOver(server, user.email);

  const round = await makeRound({ reviewersPerApplication: 2 });
  roundId = round.id;
  await makeRubric(roundId);
  // One application per group and round: a group each.
  const inRound = async (status: "submitted" | "eligible") => makeApplication({ roundId, groupId: (await makeGroup()).id, status });
  await inRound("submitted");
  await inRound("submitted");
  const short = await inRound("eligible");
  const reviewed = await inRound("eligible");
  await makeRequiredReviews(reviewed.id);
  // The reviewer: one application to declare on (past its due date), one declared and to score.
  await makeAssignment(short.id, reviewer.id, { dueAt: new Date(Date.now() - 86_400_000) });
  const other = await inRound("eligible");
  await makeAssignment(other.id, reviewer.id, { noConflictAt: new Date(), status: "in_progress" });

  // Finance: a due tranche with nothing prepared, one prepared by a colleague, one failed.
  await makeDueGrant();
  const prepared = await makeDueGrant();
  await makeDisbursement({ grantId: prepared.grantId, trancheId: prepared.trancheIds[0], amount: await trancheAmount(prepared.trancheIds[0]), preparedBy: otherFinance.id });
  const failed = await makeDueGrant();
  await makeDisbursement({ grantId: failed.grantId, trancheId: failed.trancheIds[0], amount: await trancheAmount(failed.trancheIds[0]), preparedBy: otherFinance.id, status: "failed", approvedBy: finance.id });
  // The admin: a submitted outcome report.
  await makeOutcomeReport({ grantId: failed.grantId, key: "m6", months: 6, status: "submitted" });
});
afterAll(() => server.close());

describe("the home page of each staff role", () => {
  it("the admin's: to screen, short of reviewers, awaiting decision per round, and reports to review", async () => {
    const work = await homeWork("admin");
    expect(work).toContain(`/admin/rounds/${roundId}/applications?status=submitted → Hồ sơ chờ sàng lọc: 2`);
    // The two with one reviewer each are short of the two the round asks; the reviewed one is not.
    expect(work).toContain(`/admin/rounds/${roundId}/reviewers?short=1 → Hồ sơ còn thiếu người chấm: 2`);
    expect(work).toContain(`/admin/rounds/${roundId}/scoreboard → Hồ sơ đã chấm đủ, chờ quyết định: 1`);
    expect(work).toContain("/admin/reports → Báo cáo kết quả chờ duyệt: 1");
  });

  it("finance's: due, to approve (not what she prepared herself), failed", async () => {
    const work = await homeWork("finance");
    // The prepared and the failed grants' tranches are taken (a failed one is not live: due again).
    expect(work).toContain("/finance#due → Khoản giải ngân đến hạn cần lập: 2");
    expect(work).toContain("/finance#approval → Khoản chi chờ bạn duyệt: 1");
    expect(work).toContain("/finance#problems → Khoản chi không thành, cần xử lý: 1");
  });

  it("the reviewer's: to declare, to score, overdue", async () => {
    const work = await homeWork("reviewer");
    expect(work).toContain("/reviews → Hồ sơ chờ bạn khai báo xung đột lợi ích: 1");
    expect(work).toContain("/reviews → Hồ sơ chờ bạn chấm: 1");
    expect(work).toContain("/reviews → Bài chấm đã quá hạn: 1");
  });

  it("says plainly when nothing waits", async () => {
    const idle = await makeUser(["reviewer"]);
    const html = await (await get(`${server.url}/`, await logInOver(server, idle.email))).text();
    expect(html).toContain("Không có việc gì đang chờ.");
  });
});
