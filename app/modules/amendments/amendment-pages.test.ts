import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grants, grantVersions, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeDueGrant } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";

// The amendment pages over HTTP as a browser without JavaScript uses them: an admin proposes, a
// second admin approves, the leader accepts version 2; the agreement and the ledger say which
// version is in force; the facilitator asks for a change; bad input comes back with words.

let server: TestServer;
let proposer: Person;
let approver: Person;
let finance: Person;
let leader: Person;
let facilitator: Person;
let grantId: string;
let trancheIds: string[];

const LEADER = "Giàng Thị Mai";

beforeAll(async () => {
  server = await startServer();
  [proposer, approver, finance, leader, facilitator] = [
    await person(server, ["admin"]),
    await person(server, ["admin"]),
    await person(server, ["finance"]),
    await person(server, ["applicant"], LEADER),
    await person(server, ["facilitator"]),
  ];
  ({ grantId, trancheIds } = await makeDueGrant({ award: 50_000_000n, ownerId: leader.id, facilitatorIds: [facilitator.id] }));
});

afterAll(() => server.close());

const page = (path: string, who: Person) => get(`${server.url}${path}`, who.cookie);
const text = async (response: Response) => (await response.text()).replace(/\u00a0/g, " ");

const proposal = (amounts: [string, string, string]) => ({
  reason: "Lũ làm sạt đường vào bản: lùi đợt 2",
  awardedAmount: "50.000.000",
  conditions: "",
  endsOn: "31/12/2027",
  trancheId: [trancheIds[0], trancheIds[1], "", ""],
  trancheAmount: [...amounts, ""],
  trancheWaitsFor: ["signing", "report:m6", "report:final", "signing"],
  reportKey: ["m6", "final"],
  reportMonths: ["8", "12"],
  changeRequestId: "",
});

describe("the amendment pages", () => {
  it("propose, approve by another admin, accept by the leader; the version in force is shown everywhere", async () => {
    const form = await page(`/grants/${grantId}/amendments/new`, proposer);
    expect(form.status).toBe(200);
    expect(await text(form)).toContain('name="trancheAmount"');

    // Tranches that do not add up: the form comes back with its words and what was typed.
    const bad = await postForm(`${server.url}/grants/${grantId}/amendments/new`, proposal(["30000000", "10000000", "5000000"]), { cookie: proposer.cookie });
    expect(bad.status).toBe(400);
    const badHtml = await text(bad);
    expect(badHtml).toContain("Tổng các đợt giải ngân phải bằng đúng số tiền tài trợ mới.");
    expect(badHtml).toContain("Lũ làm sạt đường vào bản");
    expect(await db.select().from(grantVersions).where(eq(grantVersions.grantId, grantId))).toHaveLength(0);

    const sent = await postForm(`${server.url}/grants/${grantId}/amendments/new`, proposal(["30000000", "10000000", "10000000"]), { cookie: proposer.cookie });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/grants/${grantId}/amendments?done=proposed`);
    const [v2] = await db.select().from(grantVersions).where(and(eq(grantVersions.grantId, grantId), eq(grantVersions.version, 2)));
    expect(v2.endsOn).toBe("2027-12-31");

    // The proposer cannot approve; finance and the group cannot either.
    const self = await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "approve", versionId: v2.id }, { cookie: proposer.cookie });
    expect(self.status).toBe(403);
    expect(await text(self)).toContain("Người đề xuất sửa đổi không được tự duyệt");
    expect((await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "approve", versionId: v2.id }, { cookie: leader.cookie })).status).toBe(403);
    expect((await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "approve", versionId: v2.id }, { cookie: finance.cookie })).status).toBe(403);
    expect((await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "approve", versionId: v2.id }, { cookie: approver.cookie })).status).toBe(302);

    // The agreement points the leader to the version waiting for her.
    expect(await text(await page(`/grants/${grantId}`, leader))).toContain("Có một sửa đổi đang chờ: phiên bản 2 (Chờ nhóm chấp nhận).");
    const asked = await text(await page(`/grants/${grantId}/amendments`, leader));
    expect(asked).toContain("Chấp nhận phiên bản mới");
    const wrongName = await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "accept", versionId: v2.id, accept: "yes", signature: "Người khác" }, { cookie: leader.cookie });
    expect(wrongName.status).toBe(400);
    expect((await db.select().from(grants).where(eq(grants.id, grantId)))[0].awardedAmount).toBe(50_000_000n);
    const accepted = await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "accept", versionId: v2.id, accept: "yes", signature: LEADER }, { cookie: leader.cookie });
    expect(accepted.status).toBe(302);
    const plan = await db.select({ amount: tranches.amount, waitsFor: tranches.waitsFor }).from(tranches).where(eq(tranches.grantId, grantId)).orderBy(tranches.position);
    expect(plan).toEqual([
      { amount: 30_000_000n, waitsFor: "signing" },
      { amount: 10_000_000n, waitsFor: "report:m6" },
      { amount: 10_000_000n, waitsFor: "report:final" },
    ]);

    expect(await text(await page(`/grants/${grantId}`, leader))).toMatch(/Phiên bản 2, hiệu lực từ \d{2}\/\d{2}\/\d{4}/);
    expect(await text(await page(`/finance/grants/${grantId}`, finance))).toMatch(/Phiên bản 2, hiệu lực từ/);
    for (const version of [1, 2]) {
      const printed = await page(`/grants/${grantId}/versions/${version}`, leader);
      expect(printed.status).toBe(200);
      expect(await text(printed)).toContain(`Thỏa thuận, phiên bản ${version} · Gieo`);
    }
    expect((await page(`/grants/${grantId}/versions/3`, leader)).status).toBe(404);
  });

  it("the facilitator asks for a change; staff decline it with a reason the group reads", async () => {
    const empty = await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "ask", reason: "" }, { cookie: facilitator.cookie });
    expect(empty.status).toBe(400);
    const asked = await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "ask", reason: "Lũ về, xin nộp báo cáo tháng 6 muộn" }, { cookie: facilitator.cookie });
    expect(asked.status).toBe(302);
    const html = await text(await page(`/grants/${grantId}/amendments`, proposer));
    expect(html).toContain("Lũ về, xin nộp báo cáo tháng 6 muộn");
    const requestId = /name="requestId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    expect(requestId).toBeTruthy();
    expect((await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "declineRequest", requestId: requestId!, reason: "x" }, { cookie: leader.cookie })).status).toBe(403);
    const answered = await postForm(`${server.url}/grants/${grantId}/amendments`, { intent: "declineRequest", requestId: requestId!, reason: "Báo cáo đã được lùi ở phiên bản 2" }, { cookie: approver.cookie });
    expect(answered.status).toBe(302);
    expect(await text(await page(`/grants/${grantId}/amendments`, leader))).toContain("Trả lời: Báo cáo đã được lùi ở phiên bản 2");
  });
});
