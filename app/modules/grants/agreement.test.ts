import { randomUUID } from "node:crypto";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, grants, notifications, outbox, tranches, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { cookiesFrom, get, makeUser, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { dueTranches } from "./due.server";
import { makeGrant } from "../../testing/factories";

// The grant agreement at the HTTP level: the group reads and accepts it (its leader herself, or a
// facilitator on its behalf with how the group consented), a double post changes nothing more,
// finance hears of the tranche now due, nobody else reads or accepts it, bad input writes
// nothing, and an admin marks a report condition met by hand or cancels a grant not yet accepted.

let server: TestServer;
let owner: Person;
let facilitator: Person;
let admin: Person;
let finance: Person;
let finance2: Person;
let reviewer: Person;
let otherOwner: Person;
let otherFacilitator: Person;
let disabledFinanceId: string;


beforeAll(async () => {
  server = await startServer();
  owner = await person(server, ["applicant"], "Giàng Thị Mai");
  facilitator = await person(server, ["facilitator"], "Cán Bộ Hiện Trường");
  admin = await person(server, ["admin"]);
  finance = await person(server, ["finance"], "Kế Toán Một");
  finance2 = await person(server, ["finance"], "Kế Toán Hai");
  reviewer = await person(server, ["reviewer"]);
  otherOwner = await person(server, ["applicant"], "Lò Thị Hoa");
  otherFacilitator = await person(server, ["facilitator"]);
  const disabled = await makeUser(["finance"]);
  disabledFinanceId = disabled.id;
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
});
afterAll(() => server.close());

/** A grant of the test group (leader `owner`, facilitator `facilitator`), awaiting acceptance. */
const ourGrant = (award = 50_000_000n) => makeGrant({ award, ownerId: owner.id, facilitatorIds: [facilitator.id] });

const pageOf = (grantId: string) => `${server.url}/grants/${grantId}`;

/** The page as a person reads it: entities decoded, no-break spaces as spaces. */
async function text(response: Response): Promise<string> {
  return (await response.text()).replace(/\u00a0/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

const leaderAccepts = (fields: Record<string, string> = {}) => ({ intent: "accept", accept: "yes", signature: "giang thi mai", ...fields });
const facilitatorRecords = (fields: Record<string, string> = {}) => ({
  intent: "accept",
  accept: "yes",
  consentBy: "Giàng Thị Mai",
  consentMethod: "oral_witnessed",
  witnessName: "Sùng A Páo",
  ...fields,
});

/** Everything an acceptance or a by-hand condition writes, counted. */
async function written() {
  const n = async (table: typeof auditLog | typeof notifications | typeof outbox) => (await db.select({ n: count() }).from(table))[0].n;
  const [met] = await db.select({ n: count() }).from(tranches).where(isNotNull(tranches.conditionMetAt));
  return { audit: await n(auditLog), notifications: await n(notifications), outbox: await n(outbox), tranchesMet: met.n };
}

async function grantRow(grantId: string) {
  return (await db.select().from(grants).where(eq(grants.id, grantId)))[0];
}

async function trancheRows(grantId: string) {
  return db.select().from(tranches).where(eq(tranches.grantId, grantId)).orderBy(tranches.position);
}

describe("reading the agreement", () => {
  it("shows the terms in Vietnamese: programme, donor, group, award in figures and words, tranches and what each waits for, reports", async () => {
    const { grantId } = await ourGrant();
    const response = await get(pageOf(grantId), owner.cookie);
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain("Thỏa thuận tài trợ");
    expect(page).toContain("Chương trình thử");
    expect(page).toContain("nhà tài trợ: Quỹ thử");
    expect(page).toContain("Vườn quế dưới tán rừng");
    expect(page).toContain("50.000.000 ₫ — năm mươi triệu đồng");
    expect(page).toContain("30.000.000 ₫");
    expect(page).toContain("20.000.000 ₫");
    expect(page).toContain("Khi nhóm đồng ý thỏa thuận");
    expect(page).toContain("Khi Báo cáo tháng thứ 6 được duyệt");
    expect(page).toContain("Báo cáo cuối kỳ: 12 tháng sau khi đồng ý thỏa thuận.");
    expect(page).toContain("Nhóm chưa đồng ý thỏa thuận này.");
    expect(page).toContain("Chưa đến hạn");
    expect(page).toContain("Đồng ý và ký");
  });

  it("in English for a reader who chose English", async () => {
    // Her own leader: choosing a language is remembered on the account.
    const reader = await person(server, ["applicant"], "Hoàng Thị Lan");
    const { grantId } = await makeGrant({ ownerId: reader.id });
    const switched = await postForm(`${server.url}/language`, { locale: "en", redirectTo: "/" }, { cookie: reader.cookie });
    const cookie = `${reader.cookie}; ${cookiesFrom(switched)}`;
    const page = await text(await get(pageOf(grantId), cookie));
    expect(page).toContain("Grant agreement");
    expect(page).toContain("Test programme");
    expect(page).toContain("fifty million dong");
    expect(page).toContain("When the Month-6 report is approved");
    expect(page).toContain("We have read and accept this agreement");
    // A refusal comes back in English too.
    const refused = await postForm(pageOf(grantId), leaderAccepts({ accept: "" }), { cookie });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain("Please tick the box to accept.");
  });

  it("links a print stylesheet that hides navigation and forms and fits an A4 page", async () => {
    const { grantId } = await ourGrant();
    const page = await (await get(pageOf(grantId), owner.cookie)).text();
    const hrefs = [...page.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
    const sheets = await Promise.all(hrefs.map(async (href) => (await fetch(`${server.url}${href}`)).text()));
    const print = sheets.find((css) => css.includes("@page"));
    expect(print, hrefs.join(", ")).toBeDefined();
    expect(print).toMatch(/@media print/);
    expect(print).toMatch(/size:\s*A4/);
    expect(print).toMatch(/\.no-print/);
    expect(print).toMatch(/\.site-header/);
  });
});

describe("accepting", () => {
  it("by the leader herself: the grant becomes active, who, when and her typed name are kept, the signing tranche is due and finance is told", async () => {
    const { grantId, trancheIds, groupId } = await ourGrant();
    const response = await postForm(pageOf(grantId), leaderAccepts(), { cookie: owner.cookie });
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain("Nhóm đã đồng ý thỏa thuận");

    const grant = await grantRow(grantId);
    expect(grant).toMatchObject({ status: "active", acceptedBy: owner.id });
    expect(grant.acceptedAt).toBeInstanceOf(Date);
    expect(JSON.parse(grant.acceptanceConsent!)).toEqual({ method: "self", signature: "giang thi mai" });
    const [first, second] = await trancheRows(grantId);
    expect(first).toMatchObject({ conditionMetBy: owner.id });
    expect(first.conditionMetAt).toBeInstanceOf(Date);
    expect(second.conditionMetAt).toBeNull();
    expect((await dueTranches(grantId)).map((t) => t.id)).toEqual([trancheIds[0]]);

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, grantId), eq(auditLog.action, "grant.active")));
    expect(audit).toMatchObject({ actorId: owner.id, onBehalfOf: null, entityType: "grant" });
    expect(audit.data).toMatchObject({ from: "awaiting_acceptance", to: "active", consent: { method: "self" }, tranchesDue: [1] });

    // Finance: every active finance user, an in-app notice and an e-mail leading to its ledger of
    // the grant; the disabled one nothing.
    const notices = await db.select().from(notifications).where(eq(notifications.link, `/grants/${grantId}`));
    const financeNotices = await db.select().from(notifications).where(eq(notifications.link, `/finance/grants/${grantId}`));
    expect(financeNotices.every((n) => n.messageKey === "grants.notice.trancheDue")).toBe(true);
    expect(financeNotices.map((n) => n.userId).sort()).toEqual([finance.id, finance2.id].sort());
    const params = financeNotices[0].params as Record<string, string>;
    expect([params.position, params.amount]).toEqual(["1", "30000000"]);
    expect(financeNotices.some((n) => n.userId === disabledFinanceId)).toBe(false);
    const mails = await db.select().from(outbox).where(eq(outbox.template, "grant-tranche-due"));
    const ours = mails.filter((m) => m.text.includes(`/finance/grants/${grantId}`));
    expect(ours.map((m) => m.toAddress).sort()).toEqual([finance.email, finance2.email].sort());
    expect(ours[0].subject).toMatch(/^Đợt tiền đến hạn chi: /);
    expect(ours[0].text.replace(/\u00a0/g, " ")).toContain("30.000.000 ₫ — ba mươi triệu đồng");
    // The facilitator hears that her group accepted; the leader who accepted is not told again.
    const groupNotices = notices.filter((n) => n.messageKey === "grants.notice.accepted");
    expect(groupNotices.map((n) => n.userId)).toEqual([facilitator.id]);

    // The page now shows the acceptance and the first tranche due; no form any more.
    const after = await text(await get(pageOf(grantId), owner.cookie));
    expect(after).toContain("Giàng Thị Mai đã đồng ý thỏa thuận này ngày");
    expect(after).toContain("Ký tên: giang thi mai.");
    expect(after).toContain("Đến hạn, chờ chuyển tiền");
    expect(after).not.toContain("Đồng ý và ký");
    expect(groupId).toBeTruthy();
  });

  it("by a facilitator on the group's behalf, oral consent before a witness: consent kept, audit on behalf of the group, the leader told", async () => {
    const { grantId, groupId } = await ourGrant();
    const form = await text(await get(pageOf(grantId), facilitator.cookie));
    expect(form).toContain("Ghi nhận nhóm đồng ý (thay mặt nhóm)");
    const response = await postForm(pageOf(grantId), facilitatorRecords(), { cookie: facilitator.cookie });
    expect(response.status).toBe(200);
    const grant = await grantRow(grantId);
    expect(grant).toMatchObject({ status: "active", acceptedBy: facilitator.id });
    expect(JSON.parse(grant.acceptanceConsent!)).toEqual({ method: "oral_witnessed", consentBy: "Giàng Thị Mai", witnessName: "Sùng A Páo" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, grantId), eq(auditLog.action, "grant.active")));
    expect(audit).toMatchObject({ actorId: facilitator.id, onBehalfOf: `group:${groupId}` });
    expect(audit.data).toMatchObject({ consent: { method: "oral_witnessed", witnessName: "Sùng A Páo" } });
    const told = await db.select().from(notifications).where(and(eq(notifications.link, `/grants/${grantId}`), eq(notifications.messageKey, "grants.notice.accepted")));
    expect(told.map((n) => n.userId)).toEqual([owner.id]);
    const page = await text(await get(pageOf(grantId), owner.cookie));
    expect(page).toContain("nhóm đã đồng ý bằng lời, Giàng Thị Mai nói đồng ý trước người làm chứng Sùng A Páo");
  });

  it("by a facilitator with a signed paper copy: no witness needed, none kept", async () => {
    const { grantId } = await ourGrant();
    const response = await postForm(pageOf(grantId), facilitatorRecords({ consentMethod: "signed", witnessName: "" }), { cookie: facilitator.cookie });
    expect(response.status).toBe(200);
    expect(JSON.parse((await grantRow(grantId)).acceptanceConsent!)).toEqual({ method: "signed", consentBy: "Giàng Thị Mai" });
  });

  it("double posts (six at once by the leader and her facilitator, then one more) accept once and answer the others with the accepted state", async () => {
    const { grantId } = await ourGrant();
    const before = await written();
    // On PostgreSQL these run at the same moment and queue on the grant's row lock.
    const answers = await Promise.all(
      [1, 2, 3].flatMap(() => [
        postForm(pageOf(grantId), leaderAccepts(), { cookie: owner.cookie }),
        postForm(pageOf(grantId), facilitatorRecords(), { cookie: facilitator.cookie }),
      ]),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const texts = await Promise.all(answers.map(text));
    expect(texts.filter((p) => p.includes("Thỏa thuận này đã được đồng ý trước đó. Không có gì thay đổi."))).toHaveLength(5);
    expect(texts.filter((p) => p.includes("Cảm ơn! Nhóm đã đồng ý thỏa thuận."))).toHaveLength(1);
    const afterFirst = await written();
    const third = await postForm(pageOf(grantId), leaderAccepts(), { cookie: owner.cookie });
    expect(third.status).toBe(200);
    expect(await text(third)).toContain("Thỏa thuận này đã được đồng ý trước đó. Không có gì thay đổi.");
    expect(await written()).toEqual(afterFirst);
    // One transition, one tranche met, one notice per finance user, one e-mail each.
    const transitions = await db.select().from(auditLog).where(and(eq(auditLog.entityId, grantId), eq(auditLog.action, "grant.active")));
    expect(transitions).toHaveLength(1);
    expect(afterFirst.audit - before.audit).toBe(1);
    const dueNotices = await db.select().from(notifications).where(and(eq(notifications.link, `/finance/grants/${grantId}`), eq(notifications.messageKey, "grants.notice.trancheDue")));
    expect(dueNotices).toHaveLength(2);
    expect(afterFirst.outbox - before.outbox).toBe(2);
    expect((await trancheRows(grantId)).filter((t) => t.conditionMetAt !== null)).toHaveLength(1);
  });
});

describe("who may read and accept", () => {
  it("the group's people read and accept; another group, another facilitator and made-up ids get 404; reviewers 403; finance and admin read only", async () => {
    const { grantId } = await ourGrant();
    const { grantId: otherGrant } = await makeGrant({ ownerId: otherOwner.id, facilitatorIds: [otherFacilitator.id] });
    const before = await written();
    for (const [who, cookie] of [["owner", owner.cookie], ["facilitator", facilitator.cookie], ["admin", admin.cookie], ["finance", finance.cookie]] as const) {
      expect((await get(pageOf(grantId), cookie)).status, who).toBe(200);
    }
    // Changing the id in the address tells nothing about other groups' grants.
    expect((await get(pageOf(otherGrant), owner.cookie)).status).toBe(404);
    expect((await get(pageOf(otherGrant), facilitator.cookie)).status).toBe(404);
    expect((await get(pageOf(grantId), otherOwner.cookie)).status).toBe(404);
    expect((await get(pageOf(grantId), otherFacilitator.cookie)).status).toBe(404);
    expect((await postForm(pageOf(otherGrant), leaderAccepts(), { cookie: owner.cookie })).status).toBe(404);
    expect((await postForm(pageOf(grantId), leaderAccepts({ signature: "Lò Thị Hoa" }), { cookie: otherOwner.cookie })).status).toBe(404);
    expect((await postForm(pageOf(grantId), facilitatorRecords(), { cookie: otherFacilitator.cookie })).status).toBe(404);
    for (const forged of [randomUUID(), "not-a-uuid", `${grantId}x`]) {
      expect((await get(pageOf(forged), owner.cookie)).status, forged).toBe(404);
      expect((await postForm(pageOf(forged), leaderAccepts(), { cookie: owner.cookie })).status, forged).toBe(404);
    }
    expect((await get(pageOf(grantId), reviewer.cookie)).status).toBe(403);
    expect((await postForm(pageOf(grantId), leaderAccepts(), { cookie: reviewer.cookie })).status).toBe(403);
    // Staff read the agreement but do not accept it.
    const financePage = await text(await get(pageOf(grantId), finance.cookie));
    expect(financePage).toContain("Bạn chỉ xem thỏa thuận này.");
    expect(financePage).not.toContain("Đồng ý và ký");
    expect(financePage).not.toContain("Ghi nhận nhóm đồng ý");
    expect((await postForm(pageOf(grantId), leaderAccepts(), { cookie: finance.cookie })).status).toBe(403);
    expect((await postForm(pageOf(grantId), facilitatorRecords(), { cookie: admin.cookie })).status).toBe(403);
    // Nobody but the admin marks conditions or cancels.
    for (const cookie of [owner.cookie, facilitator.cookie, finance.cookie]) {
      expect((await postForm(pageOf(grantId), { intent: "cancel", reason: "x" }, { cookie })).status).toBe(403);
      expect((await postForm(pageOf(grantId), { intent: "condition", trancheId: randomUUID(), note: "x" }, { cookie })).status).toBe(403);
    }
    expect(await written()).toEqual(before);
    expect((await grantRow(grantId)).status).toBe("awaiting_acceptance");
    expect((await grantRow(otherGrant)).status).toBe("awaiting_acceptance");
  });

  it("/grants lists a leader's own grants and a facilitator's groups' grants, with what comes next", async () => {
    const { grantId } = await ourGrant();
    const { grantId: otherGrant } = await makeGrant({ ownerId: otherOwner.id, facilitatorIds: [otherFacilitator.id] });
    const mine = await text(await get(`${server.url}/grants`, owner.cookie));
    expect(mine).toContain(`/grants/${grantId}`);
    expect(mine).not.toContain(`/grants/${otherGrant}`);
    expect(mine).toContain("Đọc và đồng ý thỏa thuận");
    const supported = await text(await get(`${server.url}/grants`, facilitator.cookie));
    expect(supported).toContain(`/grants/${grantId}`);
    expect(supported).not.toContain(`/grants/${otherGrant}`);
    const theirs = await text(await get(`${server.url}/grants`, otherFacilitator.cookie));
    expect(theirs).toContain(`/grants/${otherGrant}`);
    expect(theirs).not.toContain(`/grants/${grantId}`);

    await postForm(pageOf(grantId), leaderAccepts(), { cookie: owner.cookie });
    expect(await text(await get(`${server.url}/grants`, owner.cookie))).toContain("Đợt 1 đã đến hạn: chương trình sẽ chuyển tiền");
    expect((await get(`${server.url}/grants`, reviewer.cookie)).status).toBe(403);
  });
});

describe("bad input", () => {
  it("is refused with field messages in the user's language and nothing written", async () => {
    const { grantId } = await ourGrant();
    const before = await written();
    const cases: [string, Record<string, string>, string][] = [
      [facilitator.cookie, facilitatorRecords({ consentMethod: "" }), "Hãy chọn cách nhóm đồng ý."],
      [facilitator.cookie, facilitatorRecords({ consentMethod: "telepathy" }), "Giá trị này không hợp lệ."],
      [facilitator.cookie, facilitatorRecords({ witnessName: "" }), "Hãy điền họ tên người làm chứng."],
      [facilitator.cookie, facilitatorRecords({ witnessName: "   " }), "Hãy điền họ tên người làm chứng."],
      [facilitator.cookie, facilitatorRecords({ accept: "" }), "Hãy đánh dấu ô xác nhận."],
      [facilitator.cookie, facilitatorRecords({ consentBy: "" }), "Vui lòng điền mục này."],
      [facilitator.cookie, facilitatorRecords({ status: "active" }), "Biểu mẫu có mục không được phép."],
      [facilitator.cookie, facilitatorRecords({ grantId: randomUUID() }), "Biểu mẫu có mục không được phép."],
      [facilitator.cookie, facilitatorRecords({ witnessName: "a\u0000b" }), "Có ký tự không hợp lệ."],
      [owner.cookie, leaderAccepts({ accept: "" }), "Hãy đánh dấu ô đồng ý."],
      [owner.cookie, leaderAccepts({ accept: "no" }), "Hãy đánh dấu ô đồng ý."],
      [owner.cookie, leaderAccepts({ signature: "" }), "Vui lòng điền mục này."],
      [owner.cookie, leaderAccepts({ signature: "Lò Thị Hoa" }), "Họ tên chưa khớp với tài khoản. Hãy gõ: Giàng Thị Mai"],
      [owner.cookie, leaderAccepts({ acceptedBy: facilitator.id }), "Biểu mẫu có mục không được phép."],
      [owner.cookie, { accept: "yes", signature: "Giàng Thị Mai" }, "Yêu cầu này không hợp lệ."],
      [owner.cookie, leaderAccepts({ intent: "approve" }), "Yêu cầu này không hợp lệ."],
    ];
    for (const [cookie, fields, message] of cases) {
      const response = await postForm(pageOf(grantId), fields, { cookie });
      const label = JSON.stringify(fields);
      expect(response.status, label).toBe(400);
      expect(await text(response), label).toContain(message);
    }
    expect(await written()).toEqual(before);
    expect((await grantRow(grantId)).status).toBe("awaiting_acceptance");
    // What was typed comes back, so a form posted without JavaScript is not lost.
    const refused = await text(await postForm(pageOf(grantId), facilitatorRecords({ witnessName: "", consentBy: "Vàng Thị Sua" }), { cookie: facilitator.cookie }));
    expect(refused).toContain('value="Vàng Thị Sua"');
  });
});

describe("an admin by hand", () => {
  it("marks a report tranche's condition met after acceptance, with a note; refuses signing tranches, met ones, other grants' tranches and before acceptance", async () => {
    const { grantId, trancheIds } = await ourGrant();
    const { trancheIds: otherTranches } = await ourGrant();
    const [signing, report] = trancheIds;
    const note = "Đã nhận báo cáo tháng thứ 6 bản giấy ngày 12/03/2027.";
    const condition = (fields: Record<string, string>) => postForm(pageOf(grantId), { intent: "condition", ...fields }, { cookie: admin.cookie });

    let before = await written();
    const early = await condition({ trancheId: report, note });
    expect(early.status).toBe(409);
    expect(await text(early)).toContain("Nhóm chưa đồng ý thỏa thuận: chưa thể đánh dấu điều kiện.");
    expect(await written()).toEqual(before);

    await postForm(pageOf(grantId), leaderAccepts(), { cookie: owner.cookie });
    const page = await text(await get(pageOf(grantId), admin.cookie));
    expect(page).toContain("Đánh dấu điều kiện đã xong (làm tay)");
    expect(page).toContain("Đợt 2 — chờ Báo cáo tháng thứ 6");

    before = await written();
    const refusals: [Record<string, string>, number, string][] = [
      [{ trancheId: signing, note }, 400, "Đợt này chỉ đến hạn khi nhóm đồng ý thỏa thuận."],
      [{ trancheId: report, note: "" }, 400, "Vui lòng điền mục này."],
      [{ trancheId: report }, 400, "Vui lòng điền mục này."],
      [{ trancheId: otherTranches[1], note }, 400, "Không tìm thấy đợt tiền này."],
      [{ trancheId: "not-a-uuid", note }, 400, "Không tìm thấy đợt tiền này."],
      [{ trancheId: report, note, conditionMetBy: admin.id }, 400, "Biểu mẫu có mục không được phép."],
    ];
    for (const [fields, status, message] of refusals) {
      const response = await condition(fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect(await text(response), JSON.stringify(fields)).toContain(message);
    }
    expect(await written()).toEqual(before);

    const done = await condition({ trancheId: report, note });
    expect(done.status).toBe(200);
    expect(await text(done)).toContain("Đã đánh dấu điều kiện xong. Bộ phận tài chính đã được báo.");
    const [, second] = await trancheRows(grantId);
    expect(second.conditionMetBy).toBe(admin.id);
    expect(second.conditionMetAt).toBeInstanceOf(Date);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, report), eq(auditLog.action, "tranche.condition_met")));
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "tranche" });
    expect(audit.data).toMatchObject({ grantId, position: 2, waitsFor: "report:m6", byHand: true, note });
    expect((await dueTranches(grantId)).map((t) => t.id)).toEqual([signing, report]);
    const told = await db.select().from(notifications).where(and(eq(notifications.link, `/finance/grants/${grantId}`), eq(notifications.messageKey, "grants.notice.trancheDue")));
    expect(told.filter((n) => (n.params as Record<string, string>).position === "2")).toHaveLength(2);

    before = await written();
    const again = await condition({ trancheId: report, note });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain("Điều kiện của đợt này đã xong rồi.");
    expect(await written()).toEqual(before);
  });

  it("cancels a grant awaiting acceptance with a reason; the group can no longer accept it, and an accepted grant cannot be cancelled", async () => {
    const { grantId } = await ourGrant();
    let before = await written();
    const noReason = await postForm(pageOf(grantId), { intent: "cancel", reason: " " }, { cookie: admin.cookie });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain("Vui lòng điền mục này.");
    expect(await written()).toEqual(before);

    const cancelled = await postForm(pageOf(grantId), { intent: "cancel", reason: "Nhóm xin rút hồ sơ." }, { cookie: admin.cookie });
    expect(cancelled.status).toBe(200);
    expect((await grantRow(grantId)).status).toBe("cancelled");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, grantId), eq(auditLog.action, "grant.cancelled")));
    expect(audit.data).toMatchObject({ from: "awaiting_acceptance", to: "cancelled", reason: "Nhóm xin rút hồ sơ." });
    const told = await db.select().from(notifications).where(and(eq(notifications.link, `/grants/${grantId}`), eq(notifications.messageKey, "grants.notice.cancelled")));
    expect(told.map((n) => n.userId).sort()).toEqual([owner.id, facilitator.id].sort());

    before = await written();
    const late = await postForm(pageOf(grantId), leaderAccepts(), { cookie: owner.cookie });
    expect(late.status).toBe(409);
    expect(await text(late)).toContain("Thỏa thuận này không còn chờ đồng ý.");
    expect(await written()).toEqual(before);
    expect(await text(await get(pageOf(grantId), owner.cookie))).toContain("Khoản tài trợ này đã bị hủy.");

    const { grantId: active } = await ourGrant();
    await postForm(pageOf(active), leaderAccepts(), { cookie: owner.cookie });
    before = await written();
    const refused = await postForm(pageOf(active), { intent: "cancel", reason: "Đổi ý" }, { cookie: admin.cookie });
    expect(refused.status).toBe(409);
    expect(await written()).toEqual(before);
  });

  it("lists a round's grants with status, award and acceptance, linked from the round page", async () => {
    const { grantId, roundId } = await ourGrant(40_000_000n);
    await postForm(pageOf(grantId), facilitatorRecords({ consentMethod: "signed" }), { cookie: facilitator.cookie });
    const round = await text(await get(`${server.url}/admin/rounds/${roundId}`, admin.cookie));
    expect(round).toContain(`/admin/rounds/${roundId}/grants`);
    const list = await get(`${server.url}/admin/rounds/${roundId}/grants`, admin.cookie);
    expect(list.status).toBe(200);
    const page = await text(list);
    expect(page).toContain(`/grants/${grantId}`);
    expect(page).toContain("40.000.000 ₫");
    expect(page).toContain("Đang thực hiện");
    expect(page).toContain("(cán bộ hỗ trợ ghi nhận)");
    expect(page).toContain("1/2");
    expect((await get(`${server.url}/admin/rounds/${randomUUID()}/grants`, admin.cookie)).status).toBe(404);
    expect((await get(`${server.url}/admin/rounds/${roundId}/grants`, finance.cookie)).status).toBe(403);
  });
});
