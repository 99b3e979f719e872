import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grants } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeDecision, makeGrant, makeGroup, makeApplication, makeScoredRound, makeOutcomeReport } from "../../testing/factories";
import { get, logInOver, makeUser, startServer, type TestServer } from "../../testing/fixtures";

// Issue 16, item 4: the group's next step follows its real state on every page that shows one,
// and links to where it is done: a funded group is sent to accept her agreement, not told
// "nothing to do"; once it is accepted, to the report a tranche waits for.

let server: TestServer;
let leader: { id: string; email: string };
let leaderCookie: string;
let facilitatorCookie: string;
let facilitator: { id: string; email: string };
let admin: { id: string };
let awaiting: Awaited<ReturnType<typeof makeGrant>>;
let reporting: Awaited<ReturnType<typeof makeGrant>>;
let m6: string;
let rejectedId: string;

/** Links of the page's main part with their text, ids and all. */
function links(html: string): { href: string; text: string }[] {
  const main = html.slice(html.indexOf("<main"));
  return [...main.matchAll(/<a [^>]*href="([^"]+)"[^>]*>(.*?)<\/a>/g)].map((m) => ({ href: m[1], text: m[2].replace(/<!-- -->/g, "") }));
}

beforeAll(async () => {
  server = await startServer();
  leader = await makeUser(["applicant"], { name: "Giàng Thị Mai" });
  facilitator = await makeUser(["facilitator"]);
  admin = await makeUser(["admin"]);
  leaderCookie = await logInOver(server, leader.email);
  facilitatorCookie = await logInOver(server, facilitator.email);
  awaiting = await makeGrant({ ownerId: leader.id, facilitatorIds: [facilitator.id] });
  await makeDecision({ applicationId: awaiting.applicationId, roundId: awaiting.roundId, decidedBy: admin.id, awardedAmount: 50_000_000n });
  // Accepted, its only tranche waiting for the month-6 report.
  reporting = await makeGrant({ facilitatorIds: [facilitator.id], template: [{ percent: 100, waitsFor: { report: "m6" } }] });
  await makeDecision({ applicationId: reporting.applicationId, roundId: reporting.roundId, decidedBy: admin.id, awardedAmount: 50_000_000n });
  await db.update(grants).set({ status: "active", acceptedAt: new Date() }).where(eq(grants.id, reporting.grantId));
  m6 = (await makeOutcomeReport({ grantId: reporting.grantId, key: "m6", months: 6, status: "pending", values: { labelVi: "Báo cáo tháng thứ 6" } })).id;
  const { roundId } = await makeScoredRound();
  const group = await makeGroup({ facilitatorIds: [facilitator.id], name: "Nhóm chưa được tài trợ" });
  rejectedId = (await makeApplication({ roundId, groupId: group.id, status: "rejected", title: "Hồ sơ bị từ chối" })).id;
  await makeDecision({ applicationId: rejectedId, roundId, decidedBy: admin.id, outcome: "rejected" });
});
afterAll(() => server.close());

const acceptLink = () => ({ href: `/grants/${awaiting.grantId}`, text: "Đọc và đồng ý thỏa thuận" });

describe("a funded group's next step", () => {
  it("on her application: accept the agreement, linked, not 'nothing to do'", async () => {
    const html = await (await get(`${server.url}/applications/${awaiting.applicationId}`, leaderCookie)).text();
    expect(links(html)).toContainEqual(acceptLink());
    expect(html).not.toContain("Không cần làm gì");
  });

  it("on the decision page: the agreement linked, not 'will be sent'", async () => {
    const html = await (await get(`${server.url}/decisions/${awaiting.applicationId}`, leaderCookie)).text();
    expect(links(html)).toContainEqual(acceptLink());
    expect(html).not.toContain("sẽ gửi thỏa thuận");
  });

  it("on her list of applications and on her home page", async () => {
    expect(links(await (await get(`${server.url}/applications`, leaderCookie)).text())).toContainEqual(acceptLink());
    const home = await (await get(`${server.url}/`, leaderCookie)).text();
    expect(links(home)).toContainEqual(acceptLink());
    expect(home).not.toContain("Thêm thông tin về nhóm của bạn và các thành viên");
  });

  it("once accepted: the report the tranche waits for, by its name, linked to the report", async () => {
    const html = await (await get(`${server.url}/applications/${reporting.applicationId}`, facilitatorCookie)).text();
    expect(links(html)).toContainEqual({ href: `/reports/${m6}`, text: "Đợt 1 chờ: Báo cáo tháng thứ 6 được duyệt" });
  });
});

describe("a facilitator's home", () => {
  it("lists each of her groups' next steps from their state, with links", async () => {
    const found = links(await (await get(`${server.url}/`, facilitatorCookie)).text());
    expect(found).toContainEqual(acceptLink());
    expect(found).toContainEqual({ href: `/reports/${m6}`, text: "Đợt 1 chờ: Báo cáo tháng thứ 6 được duyệt" });
    expect(found).toContainEqual({ href: `/decisions/${rejectedId}`, text: "Đọc lý do của hội đồng" });
  });

  it("names each of her groups with its own next step; a group that never applied is sent to apply", async () => {
    const idle = await makeGroup({ facilitatorIds: [facilitator.id], name: "Nhóm chưa nộp hồ sơ" });
    const html = (await (await get(`${server.url}/`, facilitatorCookie)).text()).replace(/<!-- -->/g, "");
    expect(links(html)).toContainEqual({ href: `/applications/new?group=${idle.id}`, text: "Nộp hồ sơ xin tài trợ trong một vòng đang mở" });
    // Each group is named once, with its steps under it.
    const rejectedGroup = html.indexOf("<strong>Nhóm chưa được tài trợ</strong>");
    expect(rejectedGroup).toBeGreaterThan(0);
    expect(html.indexOf(`/decisions/${rejectedId}`)).toBeGreaterThan(rejectedGroup);
    expect(html.split("<strong>Nhóm chưa được tài trợ</strong>")).toHaveLength(2);
  });

  it("sends a leader without a group to register it, and staff to their work", async () => {
    const newcomer = await makeUser(["applicant"]);
    expect(links(await (await get(`${server.url}/`, await logInOver(server, newcomer.email))).text())).toContainEqual({
      href: "/groups/new",
      text: "Thêm thông tin về nhóm của bạn và các thành viên, rồi bắt đầu hồ sơ xin tài trợ.",
    });
    const reviewer = await makeUser(["reviewer"]);
    expect(links(await (await get(`${server.url}/`, await logInOver(server, reviewer.email))).text()).map((l) => l.href)).toContain("/reviews");
  });
});
