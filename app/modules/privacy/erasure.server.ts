import { setRestriction } from "../consents/ledger.server";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import {
  applications,
  attachments,
  dataCorrections,
  dataRestrictions,
  erasures,
  grants,
  groupHandovers,
  groupMembers,
  groups,
  outcomeReportPhotos,
  siteVisitPhotos,
  siteVisits,
  outcomeReports,
} from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { deleteFile } from "../../infra/storage.server";
import type { Actor } from "../../kernel/actor";
import { refuseAll, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";

// Erasure that keeps the money true (issue 15, item 4). This is the one place that knows every
// column where a person's identifying data can sit, across the domains' tables: erasure is
// cross-cutting by nature, and one list is what a reviewer can check against the register of
// processing. Amounts, counts, gender, ethnicity (counted, never named), province, activity and
// the audit trail stay, so ledgers, budgets and impact figures are the same after as before.
// Consent events stay too: they are the proof of what she agreed to and name no one but a witness.

/** What an erased name becomes, in the database's language (Vietnamese first). */
export const ERASED = "[đã xoá]";

function requireAdmin(actor: Actor) {
  if (!actor.user.roles.includes("admin")) refuseAll(403, "privacy.errors.adminOnly");
}

const inGroupApplications = (groupId: string) => sql`(select id from applications where group_id = ${groupId})`;
const inGroupGrants = (groupId: string) => sql`(select id from grants where group_id = ${groupId})`;

/** Free-text columns of a group's records where people's names can be typed, with their scope. */
function freeTextOf(groupId: string): { table: string; columns: string[]; where: SQL }[] {
  return [
    { table: "applications", columns: ["title", "natural_resource", "location", "problem", "plan", "environmental_care", "screening_note"], where: sql`group_id = ${groupId}` },
    { table: "clarifications", columns: ["question", "answer"], where: sql`application_id in ${inGroupApplications(groupId)}` },
    { table: "review_assignments", columns: ["overall_comment", "conflict_reason"], where: sql`application_id in ${inGroupApplications(groupId)}` },
    {
      table: "review_scores",
      columns: ["comment"],
      where: sql`assignment_id in (select id from review_assignments where application_id in ${inGroupApplications(groupId)})`,
    },
    { table: "decisions", columns: ["conditions", "reason_vi", "reason_en", "reviews_override"], where: sql`application_id in ${inGroupApplications(groupId)}` },
    { table: "grants", columns: ["conditions"], where: sql`group_id = ${groupId}` },
    { table: "disbursements", columns: ["recipient_name", "note"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    { table: "outcome_reports", columns: ["story", "review_message"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    // After the award (issue 14): amendments and requests, spending reports, visits, staff notes.
    { table: "grant_change_requests", columns: ["reason", "answer"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    { table: "grant_versions", columns: ["reason", "conditions", "acceptance_consent", "close_reason"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    { table: "spending_reports", columns: ["own_in_kind", "review_message"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    {
      table: "spending_lines",
      columns: ["receipt_name"],
      where: sql`report_id in (select id from spending_reports where grant_id in ${inGroupGrants(groupId)})`,
    },
    { table: "site_visits", columns: ["visitors", "findings"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    { table: "follow_ups", columns: ["action"], where: sql`grant_id in ${inGroupGrants(groupId)}` },
    {
      table: "internal_notes",
      columns: ["body"],
      where: sql`grant_id in ${inGroupGrants(groupId)} or application_id in ${inGroupApplications(groupId)}`,
    },
    // A bank statement's line names the recipient of a transfer (issue 14); lines are not tied to a
    // group until matched, so any that names her.
    { table: "bank_statement_lines", columns: ["description"], where: sql`true` },
    // Messages already written (sent or waiting) are not tied to a group: any that names her.
    { table: "outbox", columns: ["to_address", "subject", "html", "text", "fallback_text"], where: sql`true` },
  ];
}

/** Replaces every occurrence of each of `texts` by ERASED in the group's free text and messages. */
async function redact(tx: DbOrTx, groupId: string, texts: readonly string[]): Promise<void> {
  // A very short text ("Lan") would also cut other words; names and phones are longer than this.
  for (const text of new Set(texts.map((t) => t.trim()).filter((t) => t.length >= 4))) {
    for (const { table, columns, where } of freeTextOf(groupId)) {
      const sets = sql.join(
        columns.map((c) => sql`${sql.identifier(c)} = replace(${sql.identifier(c)}, ${text}, ${ERASED})`),
        sql`, `,
      );
      const any = sql.join(
        columns.map((c) => sql`strpos(${sql.identifier(c)}, ${text}) > 0`),
        sql` or `,
      );
      await tx.execute(sql`update ${sql.identifier(table)} set ${sets} where (${where}) and (${any})`);
    }
    await tx.execute(sql`update notifications set params = replace(params::text, ${text}, ${ERASED})::jsonb where strpos(params::text, ${text}) > 0`);
  }
}

/** Blanks one roster row; her role stays (the group's eligibility counts women and leaders). */
async function blankMember(tx: DbOrTx, memberId: string) {
  await tx
    .update(groupMembers)
    .set({ name: ERASED, birthYear: null, consentWitness: sql`case when ${groupMembers.consentWitness} is null then null else '' end` })
    .where(eq(groupMembers.id, memberId));
}

async function alreadyErased(tx: DbOrTx, scope: "member" | "group", subjectId: string) {
  const [row] = await tx.select({ id: erasures.id }).from(erasures).where(and(eq(erasures.scope, scope), eq(erasures.subjectId, subjectId))).limit(1);
  return Boolean(row);
}

/** An admin erases one member's identifying data. */
export async function eraseMember(actor: Actor, groupId: string, memberId: string): Promise<CommandResult<{ erased: true }>> {
  return run(async (tx) => {
    requireAdmin(actor);
    const [member] = await tx
      .select({ name: groupMembers.name, witness: groupMembers.consentWitness })
      .from(groupMembers)
      .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)))
      .for("update");
    if (!member) refuseAll(404, "privacy.errors.notFound");
    if (await alreadyErased(tx, "member", memberId)) refuseAll(409, "privacy.errors.alreadyErased");
    await redact(tx, groupId, [member.name]);
    await blankMember(tx, memberId);
    await tx.update(dataCorrections).set({ reason: ERASED }).where(eq(dataCorrections.memberId, memberId));
    await tx.insert(erasures).values({ scope: "member", subjectId: memberId, groupId, erasedBy: actor.user.id });
    await writeAudit(tx, { actorId: actor.user.id, action: "privacy.member_erased", entityType: "group_member", entityId: memberId, ip: actor.ip, data: { groupId } });
    return { erased: true as const };
  });
}

/**
 * An admin erases a whole group: every member, the leader's name and phone, the bank account,
 * where it lives below the province, its handovers, its application files and report photos.
 * Receipt scans stay: they are the accounting proof of money paid (kept under the accounting law).
 */
export async function eraseGroup(actor: Actor, groupId: string): Promise<CommandResult<{ erased: true }>> {
  let keys: string[] = [];
  const result = await run(async (tx) => {
    requireAdmin(actor);
    const erased = await eraseGroupIn(tx, groupId, { actorId: actor.user.id, ip: actor.ip });
    if (!erased.ok) refuseAll(erased.status, erased.status === 404 ? "privacy.errors.notFound" : "privacy.errors.alreadyErased");
    keys = erased.keys;
    return { erased: true as const };
  });
  // The rows are gone with the transaction; the bytes follow (a crash here leaves orphan bytes
  // that no row points to, never a row without its erasure).
  if (result.ok) await deleteFiles(keys);
  return result;
}

/** Deletes stored bytes once the rows that pointed to them are gone. */
export async function deleteFiles(keys: readonly string[]): Promise<void> {
  for (const key of keys) await deleteFile(key);
}

/**
 * A whole group's erasure inside the caller's transaction, by an admin or by the retention job
 * (`actorId` null, `retention` the rule applied). Returns the keys of the stored files whose rows
 * it deleted: the caller deletes their bytes after the commit.
 */
export async function eraseGroupIn(
  tx: DbOrTx,
  groupId: string,
  by: { actorId: string | null; ip: string | null; retention?: string },
): Promise<{ ok: true; keys: string[] } | { ok: false; status: 404 | 409 }> {
  const [group] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
  if (!group) return { ok: false, status: 404 };
  if (await alreadyErased(tx, "group", groupId)) return { ok: false, status: 409 };
  const members = await tx.select({ id: groupMembers.id, name: groupMembers.name }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  const handovers = await tx.select({ name: groupHandovers.name, phone: groupHandovers.phone }).from(groupHandovers).where(eq(groupHandovers.groupId, groupId));
  const phones = [group.phone, ...handovers.map((h) => h.phone)].flatMap((p) => [p, p.replace(/^\+/, "")]);
  await redact(tx, groupId, [
    ...members.map((m) => m.name),
    group.leaderName,
    group.bankAccountHolder ?? "",
    group.name,
    group.village,
    ...handovers.map((h) => h.name),
    ...phones,
  ]);
  for (const m of members) await blankMember(tx, m.id);
  await tx.update(dataCorrections).set({ reason: ERASED }).where(eq(dataCorrections.groupId, groupId));
  await tx
    .update(groups)
    .set({ name: ERASED, leaderName: ERASED, phone: "", commune: "", village: "", bankName: null, bankAccountEnc: null, bankAccountLast4: null, bankAccountHolder: null, updatedAt: new Date() })
    .where(eq(groups.id, groupId));
  await tx.delete(groupHandovers).where(eq(groupHandovers.groupId, groupId));
  const photos = await tx
    .delete(outcomeReportPhotos)
    .where(inArray(outcomeReportPhotos.reportId, tx.select({ id: outcomeReports.id }).from(outcomeReports).where(inArray(outcomeReports.grantId, tx.select({ id: grants.id }).from(grants).where(eq(grants.groupId, groupId))))))
    .returning({ key: outcomeReportPhotos.storageKey });
  const files = await tx
    .delete(attachments)
    .where(inArray(attachments.applicationId, tx.select({ id: applications.id }).from(applications).where(eq(applications.groupId, groupId))))
    .returning({ key: attachments.storageKey });
  // Photos taken on visits show people; what the visits found was redacted above.
  const visitPhotos = await tx
    .delete(siteVisitPhotos)
    .where(inArray(siteVisitPhotos.visitId, tx.select({ id: siteVisits.id }).from(siteVisits).where(inArray(siteVisits.grantId, tx.select({ id: grants.id }).from(grants).where(eq(grants.groupId, groupId))))))
    .returning({ key: siteVisitPhotos.storageKey });
  const keys = [...photos.map((p) => p.key), ...files.map((f) => f.key), ...visitPhotos.map((p) => p.key)];
  await tx.insert(erasures).values({ scope: "group", subjectId: groupId, groupId, erasedBy: by.actorId });
  await writeAudit(tx, {
    actorId: by.actorId,
    action: "privacy.group_erased",
    entityType: "group",
    entityId: groupId,
    ip: by.ip,
    data: { members: members.length, files: keys.length, ...(by.retention ? { retention: by.retention } : {}) },
  });
  return { ok: true, keys };
}

/**
 * Clears a group's bank account (number, last digits, holder; the bank's name stays) when its grants are over:
 * the retention job's rule. Payments keep their amounts and the receipts their scans.
 */
export async function clearBankAccountIn(tx: DbOrTx, groupId: string, retention: string): Promise<boolean> {
  const [group] = await tx
    .select({ holder: groups.bankAccountHolder })
    .from(groups)
    .where(and(eq(groups.id, groupId), sql`${groups.bankAccountEnc} is not null or ${groups.bankAccountHolder} is not null`))
    .for("update");
  if (!group) return false;
  if (group.holder) await redact(tx, groupId, [group.holder]);
  await tx.update(groups).set({ bankAccountEnc: null, bankAccountLast4: null, bankAccountHolder: null, updatedAt: new Date() }).where(eq(groups.id, groupId));
  await writeAudit(tx, { actorId: null, action: "privacy.bank_account_cleared", entityType: "group", entityId: groupId, ip: null, data: { retention } });
  return true;
}

/** An admin marks a member's data as kept but not used, or lifts that mark. */
export async function restrictMember(actor: Actor, groupId: string, memberId: string, restrict: boolean): Promise<CommandResult<{ restricted: boolean }>> {
  return run(async (tx) => {
    requireAdmin(actor);
    const [member] = await tx
      .select({ id: groupMembers.id })
      .from(groupMembers)
      .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)))
      .for("update");
    if (!member) refuseAll(404, "privacy.errors.notFound");
    const changed = await setRestriction(tx, { subjectKind: "member", subjectId: memberId, groupId }, restrict, actor.user.id);
    if (!changed) refuseAll(409, restrict ? "privacy.errors.alreadyRestricted" : "privacy.errors.notRestricted");
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: restrict ? "privacy.member_restricted" : "privacy.member_restriction_lifted",
      entityType: "group_member",
      entityId: memberId,
      ip: actor.ip,
      data: { groupId },
    });
    return { restricted: restrict };
  });
}

/** The admin page: the roster (through the groups module) with who is restricted, and whether the group is erased. */
export async function restrictionsOf(groupId: string, tx: DbOrTx = db) {
  const rows = await tx
    .select({ id: dataRestrictions.subjectId })
    .from(dataRestrictions)
    .where(and(eq(dataRestrictions.groupId, groupId), eq(dataRestrictions.subjectKind, "member"), isNull(dataRestrictions.liftedAt)));
  const [erased] = await tx.select({ id: erasures.id }).from(erasures).where(and(eq(erasures.scope, "group"), eq(erasures.subjectId, groupId)));
  return { restricted: new Set(rows.map((r) => r.id)), groupErased: Boolean(erased) };
}

/** Applies the admin page's one post. */
export function applyErasureIntent(actor: Actor, groupId: string, input: { act: "erase-member" | "erase-group" | "restrict" | "lift"; memberId?: string }) {
  if (input.act === "erase-group") return eraseGroup(actor, groupId);
  const memberId = input.memberId ?? "";
  if (input.act === "erase-member") return eraseMember(actor, groupId, memberId);
  return restrictMember(actor, groupId, memberId, input.act === "restrict");
}
