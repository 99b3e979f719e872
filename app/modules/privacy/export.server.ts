import { and, asc, eq, getTableColumns, inArray, or } from "drizzle-orm";
import {
  applications,
  attachments,
  budgetLines,
  clarifications,
  consentEvents,
  disbursements,
  grants,
  groupAccounts,
  groupMembers,
  groups,
  notifications,
  outcomeMemberIncomes,
  outcomeReportPhotos,
  outcomeReports,
  tranches,
} from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { writeAudit } from "../audit/audit.server";
import { requireGroupReader } from "../groups/access.server";

// The group's own data (issue 15, item 2): everything Gieo holds about a group in one HTML file
// that opens on any phone or shared computer: readable tables, and the same data as JSON inside
// it for a machine. Like erasure, this is the one place that knows where a group's data sits.
// Sealed bank account numbers, stored file bytes and secrets are never in it.

type Row = Record<string, unknown>;

export const exportSections = [
  "group",
  "members",
  "consents",
  "applications",
  "budgetLines",
  "attachments",
  "clarifications",
  "grants",
  "tranches",
  "payments",
  "reports",
  "memberIncomes",
  "photos",
  "notices",
] as const;
type Section = (typeof exportSections)[number];

async function gather(groupId: string): Promise<Record<Section, Row[]>> {
  const { bankAccountEnc: _sealed, ...groupColumns } = getTableColumns(groups);
  const group = await db.select(groupColumns).from(groups).where(eq(groups.id, groupId));
  const members = await db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId)).orderBy(asc(groupMembers.createdAt));
  const holders = await db.select({ userId: groupAccounts.userId }).from(groupAccounts).where(eq(groupAccounts.groupId, groupId));
  const subjectIds = [groupId, ...members.map((m) => m.id), ...holders.map((h) => h.userId)];
  const consents = await db.select().from(consentEvents).where(or(eq(consentEvents.groupId, groupId), inArray(consentEvents.subjectId, subjectIds))).orderBy(asc(consentEvents.seq));
  const apps = await db.select().from(applications).where(eq(applications.groupId, groupId)).orderBy(asc(applications.createdAt));
  const appIds = apps.map((a) => a.id);
  const grantRows = await db.select().from(grants).where(eq(grants.groupId, groupId));
  const grantIds = grantRows.map((g) => g.id);
  const reports = grantIds.length ? await db.select().from(outcomeReports).where(inArray(outcomeReports.grantId, grantIds)).orderBy(asc(outcomeReports.months)) : [];
  const reportIds = reports.map((r) => r.id);
  const { storageKey: _key, ...attachmentColumns } = getTableColumns(attachments);
  const { storageKey: _photoKey, ...photoColumns } = getTableColumns(outcomeReportPhotos);
  const { receiptStorageKey: _receipt, ...paymentColumns } = getTableColumns(disbursements);
  return {
    group,
    members,
    consents,
    applications: apps,
    budgetLines: appIds.length ? await db.select().from(budgetLines).where(inArray(budgetLines.applicationId, appIds)) : [],
    attachments: appIds.length ? await db.select(attachmentColumns).from(attachments).where(inArray(attachments.applicationId, appIds)) : [],
    clarifications: appIds.length ? await db.select().from(clarifications).where(inArray(clarifications.applicationId, appIds)) : [],
    grants: grantRows,
    tranches: grantIds.length ? await db.select().from(tranches).where(inArray(tranches.grantId, grantIds)) : [],
    payments: grantIds.length ? await db.select(paymentColumns).from(disbursements).where(inArray(disbursements.grantId, grantIds)) : [],
    reports,
    memberIncomes: reportIds.length ? await db.select().from(outcomeMemberIncomes).where(inArray(outcomeMemberIncomes.reportId, reportIds)) : [],
    photos: reportIds.length ? await db.select(photoColumns).from(outcomeReportPhotos).where(inArray(outcomeReportPhotos.reportId, reportIds)) : [],
    notices: holders.length ? await db.select().from(notifications).where(inArray(notifications.userId, holders.map((h) => h.userId))) : [],
  };
}

/** A value as text: money (bigint) as its integer, dates in ISO, objects as JSON. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return String(value);
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(rows: Row[]): string {
  if (rows.length === 0) return "<p>—</p>";
  const columns = Object.keys(rows[0]);
  const head = columns.map((c) => `<th scope="col">${escape(c)}</th>`).join("");
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${escape(plain(r[c]))}</td>`).join("")}</tr>`).join("\n");
  return `<div style="overflow-x:auto"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** One readable, self-contained HTML file: a table per section and the same data as JSON. */
function fileOf<S extends string>(sections: readonly S[], data: Record<S, Row[]>, title: string, locale: Locale, now: Date): string {
  const t = translator(locale);
  const json = JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)).replace(/</g, "\\u003c");
  const body = sections.map((s) => `<section><h2>${escape(t.dynamic(`privacy.export.section.${s}`))} (${data[s].length})</h2>${table(data[s])}</section>`).join("\n");
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #999;padding:.25rem;vertical-align:top;text-align:left}</style>
</head><body>
<h1>${escape(title)}</h1>
<p>${escape(t("privacy.export.fileIntro", { date: now.toISOString().slice(0, 10) }))}</p>
${body}
<script type="application/json" id="gieo-data">${json}</script>
</body></html>`;
}

/**
 * The group's file, after checking the user may read the group (its people and admins; anyone
 * else 404, nothing written), and logging who produced it.
 */
export async function exportGroupData(actor: Actor, groupId: string, locale: Locale): Promise<{ html: string; filename: string }> {
  const relation = await requireGroupReader(actor.user, groupId);
  const data = await gather(groupId);
  const now = new Date();
  const html = fileOf(exportSections, data, translator(locale)("privacy.export.fileTitle"), locale, now);
  await writeAudit(db, {
    actorId: actor.user.id,
    onBehalfOf: relation === "facilitator" ? `group:${groupId}` : null,
    action: "privacy.group_exported",
    entityType: "group",
    entityId: groupId,
    ip: actor.ip,
    data: Object.fromEntries(exportSections.map((s) => [s, data[s].length])),
  });
  return { html, filename: `gieo-${groupId.slice(0, 8)}-${now.toISOString().slice(0, 10)}.html` };
}

/** What one member's file holds: her roster row, her consents, her income figures. */
export const memberSections = ["members", "consents", "memberIncomes"] as const;

/**
 * One member's file, produced by staff on her request (issue 15, item 2): admins, and the
 * group's facilitators. The member must belong to the group of the address: a member of group A
 * asked through group B is "not found", and nothing is written.
 */
export async function exportMemberData(actor: Actor, groupId: string, memberId: string, locale: Locale): Promise<{ html: string; filename: string }> {
  const relation = await requireGroupReader(actor.user, groupId);
  if (relation !== "admin" && relation !== "facilitator") throw new Response("Not found", { status: 404 });
  const member = await db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.id, memberId)));
  if (member.length === 0) throw new Response("Not found", { status: 404 });
  const data: Record<(typeof memberSections)[number], Row[]> = {
    members: member,
    consents: await db.select().from(consentEvents).where(eq(consentEvents.subjectId, memberId)).orderBy(asc(consentEvents.seq)),
    memberIncomes: await db.select().from(outcomeMemberIncomes).where(eq(outcomeMemberIncomes.memberId, memberId)),
  };
  const now = new Date();
  const html = fileOf(memberSections, data, translator(locale)("privacyRegister.member.fileTitle"), locale, now);
  await writeAudit(db, {
    actorId: actor.user.id,
    onBehalfOf: relation === "facilitator" ? `group:${groupId}` : null,
    action: "privacy.member_exported",
    entityType: "group_member",
    entityId: memberId,
    ip: actor.ip,
    data: { groupId, ...Object.fromEntries(memberSections.map((s) => [s, data[s].length])) },
  });
  return { html, filename: `gieo-member-${memberId.slice(0, 8)}-${now.toISOString().slice(0, 10)}.html` };
}
