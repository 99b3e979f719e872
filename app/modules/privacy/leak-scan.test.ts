import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupAccounts, groupMembers, groups } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { rootLogger } from "../../infra/logger.server";
import { approvedStripeDisbursement, makeActor, makeUser } from "../../testing/factories";
import { get, logInOver, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { startEsmsFake, startZaloFake, type PhoneFake } from "../../testing/phone-fakes";
import { StripeFake } from "../../testing/stripe-fake";
import { rowsOf } from "../impact/facts.server";
import { loadImpactDashboard } from "../impact/dashboard.server";
import { payByStripe } from "../disbursements/stripe-payment.server";
import { dispatchOutbox } from "../notifications/dispatch.server";

// Issue 15, item 7: personal data stays where it belongs. A journey touches a group's names, its
// leader's phone and its bank account (the group's form, its roster, a payment through the Stripe
// fake, the notice by SMS and Zalo through the phone fakes, the donor exports); then the server's
// log, every URL requested (by the browser and by the app of Stripe and the phone providers),
// what Stripe received, the SMS and Zalo texts, the donor exports and the audit log are scanned
// for them. Then an admin erases a member: a dump of every table and the files folder no longer
// holds her name, and the impact figures have not moved.

const leaderName = "Thào Thị Dế";
const holder = "THAO THI DE";
const memberName = "Vừ Thị Pàng";
const account = "0123456789012";
const phoneLocal = "0968 421 735";
const phoneForms = ["+84968421735", "84968421735", "0968421735", "0968 421 735"];

let server: TestServer;
let stripe: StripeFake;
let sms: PhoneFake;
let zalo: PhoneFake;
const logLines: string[] = [];
const requested: string[] = [];
let restoreStdout: () => void;

/** GET or POST through the real server, remembering the URL as the scan's "every URL requested". */
async function visit(url: string, cookie: string, fields?: Record<string, string>) {
  requested.push(url);
  return fields ? postForm(url, fields, { cookie }) : get(url, cookie);
}

beforeAll(async () => {
  stripe = await StripeFake.start();
  sms = await startEsmsFake({ apiKey: "esms-key", secretKey: "esms-secret" });
  zalo = await startZaloFake({ accessToken: "zalo-token" });
  server = await startServer({
    env: {
      ...stripe.env({ timeoutMs: 5000, retries: 0 }),
      ESMS_API_KEY: "esms-key",
      ESMS_SECRET_KEY: "esms-secret",
      ESMS_API_URL: sms.url,
      ZALO_ACCESS_TOKEN: "zalo-token",
      ZALO_TEMPLATES: "money-sent=5001",
      ZALO_API_URL: zalo.url,
      PHONE_QUIET_HOURS: "none",
    },
  });
  // Every line the server logs, access lines included (info), is kept for the scan.
  rootLogger.level = "info";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logLines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  restoreStdout = () => {
    process.stdout.write = write;
  };
});

afterAll(async () => {
  restoreStdout?.();
  rootLogger.level = "warn";
  await Promise.all([server?.close(), stripe?.close(), sms?.close(), zalo?.close()]);
});

/** Which of the person's identifiers `text` holds. */
function found(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)));
}

describe("personal data stays where it belongs", () => {
  it("no name, phone or account number in logs, URLs, Stripe, SMS/Zalo texts, donor exports or the audit log", async () => {
    const preparer = await makeActor(["finance"]);
    const approver = await makeActor(["finance"]);
    const leader = await makeUser(["applicant"], { phone: phoneForms[0], name: leaderName });
    const leaderCookie = await logInOver(server, phoneForms[0]);
    const admin = await makeUser(["admin"]);
    const adminCookie = await logInOver(server, admin.email);
    const made = await approvedStripeDisbursement({ preparer, approver }, { amount: 3_000_000n, ownerId: leader.id });
    await db.insert(groupAccounts).values({ groupId: made.groupId, userId: leader.id, role: "leader" }).onConflictDoNothing();
    const [group] = await db.select().from(groups).where(eq(groups.id, made.groupId));

    // The group's own form: her name, phone, bank account and its holder, as she types them.
    const edited = await visit(`${server.url}/groups/${made.groupId}/edit`, leaderCookie, {
      province: group.provinceSlug,
      commune: group.commune,
      village: group.village,
      name: group.name,
      kind: group.kind,
      yearFormed: String(group.yearFormed),
      leaderName,
      phone: phoneLocal,
      bankName: "Agribank",
      bankAccountHolder: holder,
      bankAccount: account,
    });
    expect(edited.status, await edited.clone().text()).toBe(302);
    // The roster: one more member, by name.
    const added = await visit(`${server.url}/groups/${made.groupId}/members/new`, leaderCookie, {
      name: memberName,
      gender: "female",
      ethnicity: "03",
      birthYear: "1990",
      role: "member",
      consentGivenOn: "2026-11-01",
      consentMethod: "oral_witnessed",
      consentWitness: "Lò Văn Thắng",
    });
    expect(added.status, await added.clone().text()).toBe(302);
    // Her notices by Zalo (SMS when Zalo refuses), agreed on her settings page.
    expect((await visit(`${server.url}/settings/notices`, leaderCookie, { phoneChannel: "zalo", agree: "yes" })).status).toBe(200);
    // The payment through Stripe, and its notice through the phone fakes.
    expect(await payByStripe(made.disbursementId, preparer)).toMatchObject({ ok: true });
    await dispatchOutbox(null);
    expect(zalo.messages.length + sms.messages.length).toBeGreaterThan(0);
    // What staff and the donor read.
    for (const url of [
      `/groups/${made.groupId}`,
      `/groups/${made.groupId}/members`,
      `/finance/grants/${made.grantId}`,
      "/admin/impact",
      "/admin/impact/report",
      "/admin/audit",
    ]) {
      const page = await visit(`${server.url}${url}`, adminCookie);
      expect(page.status, url).toBeLessThan(400);
      await page.arrayBuffer();
    }
    const exports: string[] = [];
    for (const dataset of ["grants", "disbursements", "outcomes"]) {
      const csv = await visit(`${server.url}/admin/impact/export.csv?dataset=${dataset}`, adminCookie);
      expect(csv.status).toBe(200);
      exports.push(await csv.text());
    }
    const donorReport = await (await visit(`${server.url}/admin/impact/report`, adminCookie)).text();

    const secrets = [leaderName, holder, memberName, account, ...phoneForms];
    const audit = await rowsOf<{ row: string }>(sql`select a::text as row from audit_log a`);
    const problems: Record<string, string[]> = {
      log: found(logLines.join(""), secrets),
      urls: found([...requested, ...stripe.requests.map((r) => r.path), ...logLines.flatMap((l) => l.match(/"(?:url|path)":"[^"]*"/g) ?? [])].join("\n"), secrets),
      stripe: found(JSON.stringify(stripe.requests.map((r) => r.params)), secrets),
      phoneTexts: found(JSON.stringify([...sms.messages, ...zalo.messages].map((m) => ({ text: m.text, params: m.params }))), secrets),
      donorExports: found(exports.join("\n") + donorReport, secrets),
      audit: found(audit.map((a) => a.row).join("\n"), secrets),
    };
    expect(problems).toEqual({ log: [], urls: [], stripe: [], phoneTexts: [], donorExports: [], audit: [] });
    // The scan looked at something: the journey did reach every place it scans.
    expect(logLines.join("")).toContain(`/groups/${made.groupId}/edit`);
    expect(stripe.requests.length).toBeGreaterThan(0);
    // …and the scan finds what is there: the messages went to her phone, which only their address holds.
    expect(found(JSON.stringify([...sms.messages, ...zalo.messages].map((m) => m.phone)), secrets)).toContain("84968421735");
    expect(exports.join("\n")).toContain(made.grantId.slice(0, 8));
    expect(audit.length).toBeGreaterThan(5);

    // An admin erases the member: nothing of the database or the files folder names her after.
    const [member] = await db.select({ id: groupMembers.id }).from(groupMembers).where(eq(groupMembers.name, memberName));
    const before = await loadImpactDashboard({});
    expect((await visit(`${server.url}/admin/groups/${made.groupId}/privacy`, adminCookie, { act: "erase-member", memberId: member.id, confirm: "yes" })).status).toBe(302);
    expect(await loadImpactDashboard({})).toEqual(before);
    const tables = await rowsOf<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    const dump: string[] = [];
    for (const { table_name } of tables) {
      for (const row of await rowsOf<{ row: string }>(sql`select t::text as row from ${sql.identifier(table_name)} t`)) dump.push(row.row);
    }
    expect(found(dump.join("\n"), [memberName])).toEqual([]);
    const filesDir = path.resolve(getEnv().GIEO_DATA_DIR, "files");
    const files = fs.existsSync(filesDir) ? fs.readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
    for (const file of files) expect(found(fs.readFileSync(path.join(file.parentPath, file.name)).toString("utf8"), [memberName]), file.name).toEqual([]);
  });
});
