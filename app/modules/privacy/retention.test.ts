import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, auditLog, dataCorrections, erasures, grants, groupMembers, groups, retentionRules, retentionRuns } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeActor, makeApplication, makeGrant, makeGroup, makeRound, makeUser } from "../../testing/factories";
import { formRequest } from "../../testing/fixtures";
import { applyRetention, retentionSchedule, saveRetention } from "./retention.server";
import { retentionSchema } from "./register.schema";

// Retention: what has outlived its period goes, through the erasure code; what has not stays;
// every run is logged; a bad schedule is refused with nothing written.

const monthsAgo = (months: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

async function unfundedGroup(leaderName: string, rejectedMonthsAgo: number) {
  const recorder = await makeUser(["facilitator"]);
  const group = await makeGroup({ leaderName, recordedBy: recorder.id, members: [{ name: `${leaderName} em`, gender: "female", role: "member" }] });
  const round = await makeRound();
  await makeApplication({ roundId: round.id, groupId: group.id, status: "rejected", values: { updatedAt: monthsAgo(rejectedMonthsAgo) } });
  return group;
}

async function endedGrant(endedMonthsAgo: number) {
  const made = await makeGrant({});
  await db.update(grants).set({ status: "completed" }).where(eq(grants.id, made.grantId));
  await db.update(groups).set({ bankAccountEnc: "sealed", bankAccountLast4: "4321", bankAccountHolder: "VANG THI DUA" }).where(eq(groups.id, made.groupId));
  await db.insert(auditLog).values({ action: "grant.completed", entityType: "grant", entityId: made.grantId, at: monthsAgo(endedMonthsAgo) });
  return made;
}

describe("retention", () => {
  it("removes what has outlived its period, keeps the rest, and logs each run", async () => {
    const old = await unfundedGroup("Vàng Thị Dua", 40);
    const recent = await unfundedGroup("Sùng Thị Mỷ", 10);
    const ended = await endedGrant(13);
    const live = await endedGrant(2);
    const [member] = await db.select({ id: groupMembers.id }).from(groupMembers).where(eq(groupMembers.groupId, recent.id));
    await db.insert(dataCorrections).values([
      { memberId: member.id, groupId: recent.id, fields: ["name"], reason: "Chị Mỷ viết sai tên", correctedAt: monthsAgo(30) },
      { memberId: member.id, groupId: recent.id, fields: ["name"], reason: "Sửa lại năm sinh của chị Mỷ", correctedAt: monthsAgo(1) },
    ]);
    const runsBefore = (await db.select({ n: count() }).from(retentionRuns))[0].n;

    const done = await applyRetention();
    expect(Object.fromEntries(done.map((d) => [d.kind, d.affected]))).toEqual({ bank_account: 1, unfunded_group: 1, correction_reason: 1 });

    // The group refused forty months ago is erased through the erasure code; its application's amounts stay.
    const [oldNow] = await db.select().from(groups).where(eq(groups.id, old.id));
    expect(oldNow).toMatchObject({ name: "[đã xoá]", leaderName: "[đã xoá]", phone: "", provinceSlug: old.provinceSlug });
    expect((await db.select({ n: count() }).from(erasures).where(eq(erasures.subjectId, old.id)))[0].n).toBe(1);
    const [app] = await db.select({ requested: applications.requestedAmount }).from(applications).where(eq(applications.groupId, old.id));
    expect(app.requested).toBeGreaterThan(0n);
    const [recentNow] = await db.select().from(groups).where(eq(groups.id, recent.id));
    expect(recentNow.leaderName).toBe("Sùng Thị Mỷ");

    // The bank account of the grant that ended thirteen months ago is cleared; the other stays.
    const [endedNow] = await db.select().from(groups).where(eq(groups.id, ended.groupId));
    expect(endedNow).toMatchObject({ bankAccountEnc: null, bankAccountLast4: null, bankAccountHolder: null });
    const [liveNow] = await db.select().from(groups).where(eq(groups.id, live.groupId));
    expect(liveNow).toMatchObject({ bankAccountEnc: "sealed", bankAccountLast4: "4321" });
    const [endedGrantNow] = await db.select({ awarded: grants.awardedAmount }).from(grants).where(eq(grants.id, ended.grantId));
    expect(endedGrantNow.awarded).toBeGreaterThan(0n);

    const reasons = (await db.select({ reason: dataCorrections.reason }).from(dataCorrections).where(eq(dataCorrections.memberId, member.id))).map((r) => r.reason).sort();
    expect(reasons).toEqual(["Sửa lại năm sinh của chị Mỷ", "[đã xoá]"]);

    // One run row per rule, and an audit row per rule without names.
    expect((await db.select({ n: count() }).from(retentionRuns))[0].n).toBe(runsBefore + 3);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "privacy.retention_applied"));
    expect(audits.map((a) => a.data)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "unfunded_group", affected: 1 })]));
    const [erasedAudit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "privacy.group_erased"), eq(auditLog.entityId, old.id)));
    expect(erasedAudit).toMatchObject({ actorId: null, data: expect.objectContaining({ retention: "unfunded_group" }) });
    expect(JSON.stringify(audits)).not.toContain("Dua");

    // A second run finds nothing more, and is logged too.
    const again = await applyRetention();
    expect(again.every((d) => d.affected === 0)).toBe(true);
    expect((await db.select({ n: count() }).from(retentionRuns))[0].n).toBe(runsBefore + 6);
    expect((await retentionSchedule()).rules.map((r) => r.lastRun?.affected)).toEqual([0, 0, 0]);
  });

  it("refuses a bad schedule with nothing written, and only an admin may set it", async () => {
    const parse = async (fields: Record<string, string>) => retentionSchema.safeParse(Object.fromEntries((await formRequest("/", fields).formData()).entries()));
    expect((await parse({ bank_account: "0", unfunded_group: "36", correction_reason: "24" })).success).toBe(false);
    expect((await parse({ bank_account: "12", unfunded_group: "abc", correction_reason: "24" })).success).toBe(false);
    expect((await parse({ bank_account: "12", unfunded_group: "601", correction_reason: "" })).success).toBe(false);
    const before = await db.select().from(retentionRules);
    const finance = await makeActor(["finance"]);
    expect(await saveRetention(finance, { bank_account: 6, unfunded_group: 36, correction_reason: 24 })).toMatchObject({ ok: false, status: 403 });
    const admin = await makeActor(["admin"]);
    expect(await saveRetention(admin, { bank_account: 12, unfunded_group: 36, correction_reason: 24 })).toMatchObject({ ok: false, status: 400 });
    expect(await db.select().from(retentionRules)).toEqual(before);
    expect(await saveRetention(admin, { bank_account: 6, unfunded_group: 36, correction_reason: 24 })).toMatchObject({ ok: true, changed: ["bank_account"] });
    const [changed] = await db.select().from(auditLog).where(eq(auditLog.action, "privacy.retention_changed"));
    expect(changed.data).toEqual({ bank_account: { from: 12, to: 6 } });
  });
});
