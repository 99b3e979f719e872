import { and, count, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { auditLog, consentEvents, outcomeMemberIncomes, outbox, storedFiles } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, makeUser, person, postForm, rejection, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { makeActiveGrant, makeGroup } from "../../testing/factories";
import { reloadEnv } from "../../infra/env.server";
import { preferencesFor, reachOf, setPreferences } from "../notifications/preferences.server";
import { tell, type Recipient } from "../notifications/notifications.server";
import { appendConsent, consentStates } from "../consents/ledger.server";

// The consent ledger: facilitators record each member's answer per purpose, the database keeps
// every event for good, and processing asks the ledger (phone notices, members' incomes).

let server: TestServer;
let facilitator: Person;
let leaderB: Person;
let groupA: string;
let groupB: string;
let memberA: string;
let memberB: string;

beforeAll(async () => {
  server = await startServer();
  facilitator = await person(server, ["facilitator"]);
  leaderB = await person(server, ["applicant"]);
  const a = await makeGroup({ recordedBy: facilitator.id, facilitatorIds: [facilitator.id], members: [{ gender: "female", name: "Giàng Thị Mỷ", consents: ["application"] }] });
  const b = await makeGroup({ recordedBy: leaderB.id, ownerId: leaderB.id, members: [{ gender: "female", name: "Vàng Thị Pằng" }] });
  groupA = a.id;
  groupB = b.id;
  memberA = (await consentStatesOfGroup(groupA))[0];
  memberB = (await consentStatesOfGroup(groupB))[0];
});
afterAll(() => server.close());

async function consentStatesOfGroup(groupId: string) {
  const rows = await db.selectDistinct({ id: consentEvents.subjectId }).from(consentEvents).where(eq(consentEvents.groupId, groupId));
  return rows.map((r) => r.id);
}

const page = (groupId: string) => `${server.url}/groups/${groupId}/consents`;

const oral = (memberId: string, fields: Record<string, string> = {}) => ({
  memberId,
  purpose: "monitoring",
  answer: "given",
  way: "oral_witnessed",
  witness: "Lò Văn Thắng",
  saidOn: "2026-11-20",
  ...fields,
});

async function ledgerSize() {
  return (await db.select({ n: count() }).from(consentEvents))[0].n;
}

describe("recording consents in the field", () => {
  it("a facilitator records an oral consent with its witness; the audit names the purpose, not the people", async () => {
    const response = await postForm(page(groupA), oral(memberA), { cookie: facilitator.cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/groups/${groupA}/consents?done=1&member=${memberA}`);
    const state = (await consentStates(db, "member", [memberA])).get(memberA)!;
    expect(state.monitoring).toMatchObject({ given: true, way: "oral_witnessed", saidOn: "2026-11-20" });
    expect(state.application?.given).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "consent.given"), eq(auditLog.entityId, memberA)));
    expect(audit.onBehalfOf).toBe(`group:${groupA}`);
    expect(JSON.stringify(audit)).not.toMatch(/Giàng|Thắng/);
    const shown = await (await get(`${page(groupA)}?done=1`, facilitator.cookie)).text();
    expect(shown).toContain("Lời đọc cho cả nhóm nghe");
    expect(shown).toContain("Đồng ý (ngày 20/11/2026)");
    expect(shown).toContain("<title>Sự đồng ý của thành viên · Gieo</title>");
  });

  it("refuses the same withdrawal twice, cleanly, writing nothing the second time", async () => {
    const withdraw = oral(memberA, { purpose: "photos", answer: "given" });
    expect((await postForm(page(groupA), withdraw, { cookie: facilitator.cookie })).status).toBe(302);
    expect((await postForm(page(groupA), { ...withdraw, answer: "withdrawn" }, { cookie: facilitator.cookie })).status).toBe(302);
    const before = await ledgerSize();
    const again = await postForm(page(groupA), { ...withdraw, answer: "withdrawn" }, { cookie: facilitator.cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("đã được rút lại rồi");
    expect(await ledgerSize()).toBe(before);
    expect((await consentStates(db, "member", [memberA])).get(memberA)!.photos?.given).toBe(false);
  });

  it("asks for a witness and for the signed paper's scan, and keeps the scan as a stored file", async () => {
    const before = await ledgerSize();
    const noWitness = await postForm(page(groupA), oral(memberA, { witness: "" }), { cookie: facilitator.cookie });
    expect(noWitness.status).toBe(400);
    expect(await noWitness.text()).toContain("cần tên người làm chứng");
    const noScan = await postForm(page(groupA), oral(memberA, { way: "signed", purpose: "donor_figures" }), { cookie: facilitator.cookie });
    expect(noScan.status).toBe(400);
    expect(await ledgerSize()).toBe(before);

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const form = new FormData();
    for (const [k, v] of Object.entries(oral(memberA, { way: "signed", purpose: "donor_figures", witness: "" }))) form.set(k, v);
    form.set("file", new File([new Uint8Array(png)], "giay-dong-y.png"));
    const signed = await fetch(page(groupA), { method: "POST", body: form, redirect: "manual", headers: { Cookie: facilitator.cookie } });
    expect(signed.status).toBe(302);
    const [event] = await db.select().from(consentEvents).where(and(eq(consentEvents.subjectId, memberA), eq(consentEvents.purpose, "donor_figures")));
    expect(event.scanKey).toBeTruthy();
    expect((await db.select({ n: count() }).from(storedFiles).where(eq(storedFiles.key, event.scanKey!)))[0].n).toBe(1);
  });

  it("refuses a member of another group and another group's page, writing nothing", async () => {
    const before = await ledgerSize();
    const foreign = await postForm(page(groupB), oral(memberA), { cookie: leaderB.cookie });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("Hãy chọn một thành viên của nhóm");
    expect((await postForm(page(groupA), oral(memberB), { cookie: leaderB.cookie })).status).toBe(404);
    expect((await get(page(groupA), leaderB.cookie)).status).toBe(404);
    expect(await ledgerSize()).toBe(before);
  });

  it("the database refuses to change or delete a ledger row", async () => {
    expect(await rejection(db.execute(sql`update consent_events set given = false where subject_id = ${memberA}`))).toMatch(/append-only/);
    expect(await rejection(db.execute(sql`delete from consent_events where subject_id = ${memberA}`))).toMatch(/append-only/);
  });
});

describe("processing obeys the ledger", () => {
  it("no SMS without notice consent: a withdrawal in the ledger stops the phone channel", async () => {
    // SMS is switched on for this process, as the dispatcher's tests do (no message leaves: only the outbox is read).
    const unset = { ...process.env };
    Object.assign(process.env, { ESMS_API_KEY: "esms-key", ESMS_SECRET_KEY: "esms-secret" });
    reloadEnv();
    onTestFinished(() => {
      delete process.env.ESMS_API_KEY;
      delete process.env.ESMS_SECRET_KEY;
      Object.assign(process.env, unset);
      reloadEnv();
    });
    const phone = "+84901234567";
    const made = await makeUser(["applicant"], { phone, name: "Lò Thị Mai" });
    await db.transaction((tx) => setPreferences(tx, made.id, { phoneChannel: "sms", email: false }));
    const her: Recipient = { userId: made.id, name: "Lò Thị Mai", email: null, phone, locale: "vi" };
    const moneySent = () =>
      db.transaction((tx) =>
        tell(tx, { to: [her], phone: { text: "money-sent", params: () => ({ amount: "5.000.000 ₫", words: "năm triệu đồng", group: "Hoa Ban" }) } }),
      );
    const queued = async () => (await db.select({ n: count() }).from(outbox).where(eq(outbox.toAddress, "84901234567")))[0].n;
    await moneySent();
    expect(await queued()).toBe(1);
    expect(reachOf(her, await preferencesFor(made.id), { sms: true, zalo: false })).toContain("sms");
    // A facilitator records, for her, that she no longer wants phone messages.
    await appendConsent(db, { subjectKind: "user", subjectId: made.id, purpose: "notices", given: false, way: "oral_witnessed", witness: "Lò Văn Thắng", saidOn: "2026-11-02", recordedBy: facilitator.id });
    expect(reachOf(her, await preferencesFor(made.id), { sms: true, zalo: false })).toEqual(["in_app"]);
    await moneySent();
    expect(await queued()).toBe(1);
  });

  it("the notices settings page writes her agreement and its withdrawal to the ledger", async () => {
    const leader = await person(server, ["applicant"]);
    const notices = async () => (await consentStates(db, "user", [leader.id], ["notices"])).get(leader.id)?.notices?.given;
    expect(await notices()).toBeUndefined();
    expect((await postForm(`${server.url}/settings/notices`, { phoneChannel: "sms", email: "yes", agree: "yes" }, { cookie: leader.cookie })).status).toBe(200);
    expect(await notices()).toBe(true);
    expect((await postForm(`${server.url}/settings/notices`, { phoneChannel: "none", email: "yes" }, { cookie: leader.cookie })).status).toBe(200);
    expect(await notices()).toBe(false);
  });

  it("a member without monitoring consent is left out of per-member incomes", async () => {
    const leader = await person(server, ["applicant"]);
    const grant = await makeActiveGrant({ ownerId: leader.id, recorderId: facilitator.id, members: 2 });
    const [consenting, silent] = grant.memberIds;
    await appendConsent(db, { subjectKind: "member", subjectId: silent, groupId: grant.groupId, purpose: "monitoring", given: false, way: "oral_witnessed", witness: "Lò Văn Thắng", saidOn: "2026-11-02", recordedBy: facilitator.id });
    const reportId = grant.reportId("m6");
    const saved = await postForm(
      `${server.url}/reports/${reportId}`,
      {
        intent: "save",
        avgMonthlyIncome: "2.400.000",
        sales: "",
        womenEarning: "2",
        areaHa: "",
        quantityProduced: "",
        quantityUnit: "",
        story: "",
        memberId: [consenting, silent],
        memberIncome: ["2.000.000", "3.000.000"],
      },
      { cookie: leader.cookie },
    );
    expect(saved.status).toBe(302);
    const incomes = await db.select().from(outcomeMemberIncomes).where(eq(outcomeMemberIncomes.reportId, reportId));
    expect(incomes.map((r) => r.memberId)).toEqual([consenting]);
  });
});
