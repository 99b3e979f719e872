import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applications,
  auditLog,
  erasures,
  groupMembers,
  groups,
  internalNotes,
  outbox,
  outcomeReportPhotos,
  outcomeReports,
  siteVisitPhotos,
  siteVisits,
  storedFiles,
} from "../../../db/schema";
import { db } from "../../infra/db.server";
import { putFile } from "../../infra/storage.server";
import { makeActor, makeImpactFixture } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { loadImpactDashboard } from "../impact/dashboard.server";
import { rowsOf } from "../impact/facts.server";
import { eraseGroup, eraseMember } from "./erasure.server";
import { consenting } from "../consents/ledger.server";

// Erasure removes who a person is and keeps what the money did: the impact figures are the same
// before and after, and no table holds her name or phone any more.

let server: TestServer;
let admin: Person;
let fixture: Awaited<ReturnType<typeof makeImpactFixture>>;

beforeAll(async () => {
  server = await startServer();
  admin = await person(server, ["admin"]);
  fixture = await makeImpactFixture();
});
afterAll(() => server.close());

/** How many rows of any table of the database contain `text` (the whole row as text). */
async function rowsContaining(text: string): Promise<string[]> {
  const tables = await rowsOf<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const found: string[] = [];
  for (const { table_name } of tables) {
    const hits = await rowsOf(sql`select 1 from ${sql.identifier(table_name)} t where strpos(t::text, ${text}) > 0 limit 1`);
    if (hits.length > 0) found.push(table_name);
  }
  return found;
}

async function membersOf(groupId: string) {
  return db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId)).orderBy(groupMembers.createdAt, groupMembers.id);
}

describe("erasing a member", () => {
  it("removes her name everywhere it was typed; the impact figures do not move", async () => {
    const groupId = fixture.grants[0].groupId;
    const [, her] = await membersOf(groupId);
    const name = "Giàng Thị Súa";
    await db.update(groupMembers).set({ name }).where(eq(groupMembers.id, her.id));
    await db.update(applications).set({ problem: `Chị ${name} trồng quế một mình.` }).where(eq(applications.groupId, groupId));
    await db.update(outcomeReports).set({ story: `${name} đã bán được quế.` }).where(eq(outcomeReports.grantId, fixture.grants[0].grantId));
    expect((await rowsContaining(name)).sort()).toEqual(["applications", "group_members", "outcome_reports"]);

    const before = await loadImpactDashboard({ round: fixture.roundId });
    const erased = await postForm(`${server.url}/admin/groups/${groupId}/privacy`, { act: "erase-member", memberId: her.id, confirm: "yes" }, { cookie: admin.cookie });
    expect(erased.status).toBe(302);
    expect(await loadImpactDashboard({ round: fixture.roundId })).toEqual(before);
    expect(await rowsContaining(name)).toEqual([]);
    const [after] = (await membersOf(groupId)).filter((m) => m.id === her.id);
    expect(after).toMatchObject({ name: "[đã xoá]", birthYear: null, gender: her.gender, ethnicityCode: her.ethnicityCode, role: her.role });
    const [problem] = await db.select({ problem: applications.problem }).from(applications).where(eq(applications.groupId, groupId));
    expect(problem.problem).toBe("Chị [đã xoá] trồng quế một mình.");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "privacy.member_erased"), eq(auditLog.entityId, her.id)));
    expect(audit.actorId).toBe(admin.id);

    // Twice is refused cleanly.
    const again = await postForm(`${server.url}/admin/groups/${groupId}/privacy`, { act: "erase-member", memberId: her.id, confirm: "yes" }, { cookie: admin.cookie });
    expect(again.status).toBe(409);
  });

  it("only an admin may erase: others are refused and nothing is written", async () => {
    const groupId = fixture.grants[2].groupId;
    const [her] = await membersOf(groupId);
    const facilitator = await makeActor(["facilitator"]);
    const finance = await makeActor(["finance"]);
    const erasedBefore = (await db.select({ n: count() }).from(erasures))[0].n;
    for (const actor of [facilitator, finance]) {
      const refused = await eraseMember(actor, groupId, her.id);
      expect(refused).toMatchObject({ ok: false, status: 403 });
      expect(await eraseGroup(actor, groupId)).toMatchObject({ ok: false, status: 403 });
    }
    const leader = await person(server, ["applicant"]);
    expect((await postForm(`${server.url}/admin/groups/${groupId}/privacy`, { act: "erase-group", confirm: "yes" }, { cookie: leader.cookie })).status).toBe(403);
    expect((await db.select({ n: count() }).from(erasures))[0].n).toBe(erasedBefore);
    expect((await membersOf(groupId))[0].name).toBe(her.name);
    const unconfirmed = await postForm(`${server.url}/admin/groups/${groupId}/privacy`, { act: "erase-group" }, { cookie: admin.cookie });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Hãy đánh dấu ô xác nhận");
  });

  it("restriction keeps her data and stops its use", async () => {
    const groupId = fixture.grants[4].groupId;
    const [her] = await membersOf(groupId);
    expect((await consenting(db, "member", [her.id], "monitoring")).has(her.id)).toBe(true);
    const url = `${server.url}/admin/groups/${groupId}/privacy`;
    expect((await postForm(url, { act: "restrict", memberId: her.id }, { cookie: admin.cookie })).status).toBe(302);
    expect((await consenting(db, "member", [her.id], "monitoring")).has(her.id)).toBe(false);
    expect((await postForm(url, { act: "restrict", memberId: her.id }, { cookie: admin.cookie })).status).toBe(409);
    const shown = await (await get(url, admin.cookie)).text();
    expect(shown).toContain("Đang hạn chế");
    expect((await postForm(url, { act: "lift", memberId: her.id }, { cookie: admin.cookie })).status).toBe(302);
    expect((await consenting(db, "member", [her.id], "monitoring")).has(her.id)).toBe(true);
  });
});

describe("erasing a whole group", () => {
  it("removes names, phone, bank account, photos and their files; money and figures stay", async () => {
    const grant = fixture.grants[3];
    const groupId = grant.groupId;
    const phone = "+84987650123";
    await db.update(groups).set({ phone, leaderName: "Lò Thị Chiềng", bankAccountEnc: "sealed", bankAccountLast4: "6789", bankAccountHolder: "LO THI CHIENG" }).where(eq(groups.id, groupId));
    await db.insert(outbox).values({ channel: "sms", template: "money-sent", toAddress: "84987650123", subject: "", html: "", text: "Gieo: Lò Thị Chiềng nhận tiền", locale: "vi" } as never);
    const key = await putFile(new Uint8Array([1, 2, 3]), "png");
    const [report] = await db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.grantId, grant.grantId)).limit(1);
    await db.insert(outcomeReportPhotos).values({ reportId: report.id, originalName: "chi-chieng.png", storageKey: key, mime: "image/png", size: 3, uploadedBy: admin.id });
    // After the award (issue 14): a visit that names her, with a photo, and a staff note about her.
    const visitPhoto = await putFile(new Uint8Array([4, 5, 6]), "png");
    const [visit] = await db
      .insert(siteVisits)
      .values({ grantId: grant.grantId, visitedOn: "2026-11-02", visitors: "Cán bộ xã", findings: "Chị Lò Thị Chiềng giữ sổ thu chi.", recordedBy: admin.id })
      .returning();
    await db.insert(siteVisitPhotos).values({ visitId: visit.id, storageKey: visitPhoto, mime: "image/png", size: 3 });
    await db.insert(internalNotes).values({ subject: "grant", grantId: grant.grantId, body: "Lò Thị Chiềng báo nộp muộn.", authorId: admin.id });
    const before = await loadImpactDashboard({ round: fixture.roundId });

    const erased = await postForm(`${server.url}/admin/groups/${groupId}/privacy`, { act: "erase-group", confirm: "yes" }, { cookie: admin.cookie });
    expect(erased.status).toBe(302);
    expect(await loadImpactDashboard({ round: fixture.roundId })).toEqual(before);
    for (const text of ["Lò Thị Chiềng", "LO THI CHIENG", phone, "84987650123", "chi-chieng.png"]) expect(await rowsContaining(text), text).toEqual([]);
    expect((await db.select({ n: count() }).from(storedFiles).where(eq(storedFiles.key, key)))[0].n).toBe(0);
    expect((await db.select({ n: count() }).from(storedFiles).where(eq(storedFiles.key, visitPhoto)))[0].n).toBe(0);
    expect((await db.select().from(siteVisits).where(eq(siteVisits.id, visit.id)))[0].findings).toBe("Chị [đã xoá] giữ sổ thu chi.");
    const [row] = await db.select().from(groups).where(eq(groups.id, groupId));
    expect(row).toMatchObject({ bankAccountEnc: null, bankAccountLast4: null, provinceSlug: "son-la" });
    expect((await membersOf(groupId)).every((m) => m.name === "[đã xoá]" && m.birthYear === null)).toBe(true);
  });
});
