import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, contactPreferences, groupAccounts, groupHandovers, groups } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { cookiesFrom, get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { makeGroup } from "../../testing/factories";
import { startEsmsFake, type PhoneFake } from "../../testing/phone-fakes";
import { dispatchOutbox } from "../notifications/dispatch.server";
import { HANDOVER_TRIES } from "./accounts.server";

// A facilitator registered a group in the field; its leader, who has only a phone, takes it over
// with a code sent to that phone. Real HTTP, and the eSMS fake standing for her phone.

let server: TestServer;
let sms: PhoneFake;

beforeAll(async () => {
  sms = await startEsmsFake();
  delete process.env.ZALO_ACCESS_TOKEN;
  server = await startServer({ env: { ESMS_API_KEY: "k", ESMS_SECRET_KEY: "s", ESMS_API_URL: sms.url, PHONE_TIMEOUT_MS: "3000" } });
});
afterAll(async () => {
  await server.close();
  await sms.close();
});
beforeEach(() => {
  sms.messages.length = 0;
});

let serial = 0;
const newPhone = () => `03${String(20_000_000 + ++serial * 104_729 + Math.floor(Math.random() * 1000)).slice(-8)}`;
const provider = (phone: string) => `84${phone.slice(1)}`;

async function codeOnPhone(phone: string): Promise<string> {
  await dispatchOutbox(null);
  const code = sms.messages.filter((m) => m.phone === provider(phone)).at(-1)?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code reached ${phone}`);
  return code;
}

async function facilitatorWithGroup() {
  const facilitator = await makeUser(["facilitator"], { name: "Hà Thị Lan" });
  const group = await makeGroup({ recordedBy: facilitator.id, facilitatorIds: [facilitator.id], name: "Nhóm Hoa Ban" });
  return { facilitator, group, cookie: await logInOver(server, facilitator.email) };
}

/** A leader registers herself with her phone only, agreeing to notices by phone. */
async function registerLeader(phone: string) {
  const response = await postForm(`${server.url}/register`, { name: "Sùng Thị Mỷ", phone, password: "mat-khau-cua-my", phoneNotices: "yes" });
  expect(response.status).toBe(302);
  return cookiesFrom(response);
}

const auditRows = (action: string, groupId: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, groupId)));

describe("a group handed to its leader", () => {
  it("goes to the leader who types the code sent to her phone; she becomes its account holder", async () => {
    const { group, cookie } = await facilitatorWithGroup();
    const phone = newPhone();
    const sent = await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "Sùng Thị Mỷ", phone, role: "leader" }, { cookie });
    expect(sent.status).toBe(200);
    const code = await codeOnPhone(phone);
    expect(sms.messages.at(-1)!.text).toContain("Hà Thị Lan mời bạn giữ tài khoản Nhóm Hoa Ban");

    const leaderCookie = await registerLeader(phone);
    // Before: the group is not hers.
    expect((await get(`${server.url}/groups/${group.id}`, leaderCookie)).status).toBe(404);
    const wrong = await postForm(`${server.url}/groups/join`, { code: code === "000000" ? "111111" : "000000" }, { cookie: leaderCookie });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Mã không đúng hoặc đã hết hạn");
    const taken = await postForm(`${server.url}/groups/join`, { code }, { cookie: leaderCookie });
    expect(taken.status).toBe(302);
    expect(taken.headers.get("location")).toBe(`/groups/${group.id}`);
    expect((await get(`${server.url}/groups/${group.id}`, leaderCookie)).status).toBe(200);

    const [row] = await db.select().from(groups).where(eq(groups.id, group.id));
    const holders = await db.select().from(groupAccounts).where(eq(groupAccounts.groupId, group.id));
    expect(holders).toEqual([expect.objectContaining({ userId: row.ownerId, role: "leader" })]);
    expect(await auditRows("group.handover_started", group.id)).toHaveLength(1);
    expect(await auditRows("group.account_added", group.id)).toHaveLength(1);
    // Used once.
    expect((await postForm(`${server.url}/groups/join`, { code }, { cookie: leaderCookie })).status).toBe(400);

    // Her facilitator sees how she will be reached: she agreed to phone notices at sign-up.
    const page = await (await get(`${server.url}/groups/${group.id}/accounts`, cookie)).text();
    expect(page).toContain("Sùng Thị Mỷ");
    expect(page).toContain("trong Gieo, SMS");
  });

  it("may have a second account, a treasurer; removing one is audited and ends her access", async () => {
    const { group, cookie } = await facilitatorWithGroup();
    const leaderPhone = newPhone();
    await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "Sùng Thị Mỷ", phone: leaderPhone, role: "leader" }, { cookie });
    const leaderCookie = await registerLeader(leaderPhone);
    await postForm(`${server.url}/groups/join`, { code: await codeOnPhone(leaderPhone) }, { cookie: leaderCookie });

    const treasurerPhone = newPhone();
    await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "Giàng Thị Dua", phone: treasurerPhone, role: "treasurer" }, { cookie });
    const treasurerCookie = await registerLeader(treasurerPhone);
    expect((await postForm(`${server.url}/groups/join`, { code: await codeOnPhone(treasurerPhone) }, { cookie: treasurerCookie })).status).toBe(302);
    const holders = await db.select().from(groupAccounts).where(eq(groupAccounts.groupId, group.id));
    expect(holders.map((h) => h.role).sort()).toEqual(["leader", "treasurer"]);
    // The leader named on the group stays the first.
    const [row] = await db.select().from(groups).where(eq(groups.id, group.id));
    const treasurer = holders.find((h) => h.role === "treasurer")!;
    expect(row.ownerId).not.toBe(treasurer.userId);
    expect((await get(`${server.url}/groups/${group.id}`, treasurerCookie)).status).toBe(200);

    const removed = await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "remove", userId: treasurer.userId }, { cookie });
    expect(removed.status).toBe(200);
    const [entry] = await auditRows("group.account_removed", group.id);
    expect(entry.data).toEqual({ userId: treasurer.userId, role: "treasurer" });
    expect((await get(`${server.url}/groups/${group.id}`, treasurerCookie)).status).toBe(404);
  });

  it("refuses a guessed code after five tries, a number that holds it already, and strangers", async () => {
    const { group, cookie } = await facilitatorWithGroup();
    const phone = newPhone();
    await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "Mỷ", phone, role: "leader" }, { cookie });
    const code = await codeOnPhone(phone);
    const leaderCookie = await registerLeader(phone);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < HANDOVER_TRIES; i++) {
      expect((await postForm(`${server.url}/groups/join`, { code: wrong }, { cookie: leaderCookie })).status).toBe(400);
    }
    expect((await postForm(`${server.url}/groups/join`, { code }, { cookie: leaderCookie })).status).toBe(400);
    const [handover] = await db.select().from(groupHandovers).where(eq(groupHandovers.groupId, group.id));
    expect(handover.acceptedAt).toBeNull();
    expect(await db.select().from(groupAccounts).where(eq(groupAccounts.groupId, group.id))).toEqual([]);

    // Malformed input: a clear message, nothing written.
    const bad = await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "", phone: "+1 415 555 0100", role: "chief" }, { cookie });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("Cần số di động Việt Nam");
    expect(await db.select().from(groupHandovers).where(eq(groupHandovers.groupId, group.id))).toHaveLength(1);

    // Another facilitator, not this group's: nothing to see.
    const stranger = await makeUser(["facilitator"]);
    const strangerCookie = await logInOver(server, stranger.email);
    expect((await get(`${server.url}/groups/${group.id}/accounts`, strangerCookie)).status).toBe(404);
    expect((await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "X", phone: newPhone(), role: "leader" }, { cookie: strangerCookie })).status).toBe(404);
  });

  it("lets her facilitator give her a reset code in person, shown once and audited", async () => {
    const { group, cookie } = await facilitatorWithGroup();
    const phone = newPhone();
    await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "handover", name: "Mỷ", phone, role: "leader" }, { cookie });
    const leaderCookie = await registerLeader(phone);
    await postForm(`${server.url}/groups/join`, { code: await codeOnPhone(phone) }, { cookie: leaderCookie });
    const [holder] = await db.select().from(groupAccounts).where(eq(groupAccounts.groupId, group.id));
    const page = await postForm(`${server.url}/groups/${group.id}/accounts`, { intent: "reset-code", userId: holder.userId }, { cookie });
    const code = (await page.text()).match(/class="one-time-code">(\d{6})</)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const reset = await postForm(`${server.url}/forgot-password`, { intent: "reset", phone, code: code!, password: "mat-khau-moi-cua-my", confirm: "mat-khau-moi-cua-my" });
    expect(reset.status).toBe(200);
    const issued = await db.select().from(auditLog).where(and(eq(auditLog.action, "auth.reset_code_issued"), eq(auditLog.entityId, holder.userId)));
    expect(issued).toHaveLength(1);
  });
});

describe("how a person hears from Gieo", () => {
  it("is her choice: phone notices need her agreement, withdrawing it is recorded", async () => {
    const phone = newPhone();
    const response = await postForm(`${server.url}/register`, { name: "Vàng Thị Sinh", phone, password: "mat-khau-cua-sinh" });
    const cookie = cookiesFrom(response);
    // Without the box ticked at sign-up: nothing by phone.
    const page = await (await get(`${server.url}/settings/notices`, cookie)).text();
    expect(page).toContain("Hiện Gieo báo tin cho bạn qua: trong Gieo.");

    const refused = await postForm(`${server.url}/settings/notices`, { phoneChannel: "sms" }, { cookie });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Hãy đánh dấu ô đồng ý");
    const saved = await postForm(`${server.url}/settings/notices`, { phoneChannel: "sms", agree: "yes" }, { cookie });
    expect(saved.status).toBe(200);
    const [prefs] = await db.select().from(contactPreferences).innerJoin(auditLog, eq(auditLog.actorId, contactPreferences.userId)).where(eq(auditLog.action, "user.contact_preferences_changed"));
    expect(prefs.contact_preferences).toMatchObject({ phoneChannel: "sms", email: false });
    expect(prefs.contact_preferences.phoneAgreedAt).not.toBeNull();
    expect(prefs.audit_log.data).toMatchObject({ phoneAgreement: "given" });
    expect(await (await get(`${server.url}/settings/notices`, cookie)).text()).toContain("trong Gieo, SMS");

    await postForm(`${server.url}/settings/notices`, { phoneChannel: "none" }, { cookie });
    const [after] = await db.select().from(contactPreferences).where(eq(contactPreferences.userId, prefs.contact_preferences.userId));
    expect(after).toMatchObject({ phoneChannel: "none", phoneAgreedAt: null });
    const withdrawn = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.contact_preferences_changed"), eq(auditLog.actorId, after.userId)))
      .orderBy(auditLog.at);
    expect(withdrawn.at(-1)!.data).toMatchObject({ phoneAgreement: "withdrawn" });
    // Bad input: a clear answer, nothing changed.
    expect((await postForm(`${server.url}/settings/notices`, { phoneChannel: "pigeon", agree: "yes" }, { cookie })).status).toBe(400);
  });
});
