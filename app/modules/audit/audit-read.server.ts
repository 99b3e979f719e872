import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, users } from "../../../db/schema";
import { isIsoDate, isoDateFromInput } from "../../forms/fields-mini";
import { db } from "../../infra/db.server";
import { AUDIT_KINDS } from "./audit-sentence";

// The audit log as staff and an auditor read it: who, for which group, did what, when — the
// group found from the row's entity (a member, an application, a grant, a disbursement, a
// report, a review, a tranche), and filters by person, group, kind and date.


export interface AuditFilter {
  person?: string;
  group?: string;
  kind?: string;
  /** Viet Nam days, yyyy-mm-dd, both included. */
  from?: string;
  to?: string;
}

/** The id of the group a row is about, as text, or null (a log-in, a setting). */
const groupIdOf = sql<string | null>`(case ${auditLog.entityType}
  when 'group' then ${auditLog.entityId}
  when 'group_member' then (select m.group_id::text from group_members m where m.id::text = ${auditLog.entityId})
  when 'application' then (select a.group_id::text from applications a where a.id::text = ${auditLog.entityId})
  when 'grant' then (select g.group_id::text from grants g where g.id::text = ${auditLog.entityId})
  when 'tranche' then (select g.group_id::text from tranches t join grants g on g.id = t.grant_id where t.id::text = ${auditLog.entityId})
  when 'disbursement' then (select g.group_id::text from disbursements d join grants g on g.id = d.grant_id where d.id::text = ${auditLog.entityId})
  when 'outcome_report' then (select g.group_id::text from outcome_reports r join grants g on g.id = r.grant_id where r.id::text = ${auditLog.entityId})
  when 'grant_version' then (select g.group_id::text from grant_versions v join grants g on g.id = v.grant_id where v.id::text = ${auditLog.entityId})
  when 'change_request' then (select g.group_id::text from grant_change_requests c join grants g on g.id = c.grant_id where c.id::text = ${auditLog.entityId})
  when 'spending_report' then (select g.group_id::text from spending_reports r join grants g on g.id = r.grant_id where r.id::text = ${auditLog.entityId})
  when 'review' then (select a.group_id::text from review_assignments ra join applications a on a.id = ra.application_id where ra.id::text = ${auditLog.entityId})
  else case when ${auditLog.onBehalfOf} like 'group:%' then substr(${auditLog.onBehalfOf}, 7) end
end)`;

const groupName = sql<string | null>`(select gr.name from groups gr where gr.id::text = ${groupIdOf})`;

const VN_DAY = (day: string) => new Date(`${day}T00:00:00+07:00`);

function conditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  const like = (text: string) => `%${text.replace(/[%_\\]/g, "\\$&")}%`;
  if (filter.person) where.push(sql`unaccent_vi(${users.name}) ilike unaccent_vi(${like(filter.person)})`);
  if (filter.group) where.push(sql`unaccent_vi(${groupName}) ilike unaccent_vi(${like(filter.group)})`);
  if (filter.kind) where.push(eq(auditLog.entityType, filter.kind));
  if (filter.from) where.push(gte(auditLog.at, VN_DAY(filter.from)));
  if (filter.to) where.push(lt(auditLog.at, new Date(VN_DAY(filter.to).getTime() + 86_400_000)));
  return where;
}

/** One page of rows (one more than `limit`, to tell whether another page follows), newest first. */
export async function readAudit(filter: AuditFilter, page: { limit: number; offset: number }) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: users.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      groupName,
      ip: auditLog.ip,
      data: auditLog.data,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions(filter)))
    .orderBy(desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
}

export type AuditRow = Awaited<ReturnType<typeof readAudit>>[number];


/** The filters in the page's address; a bad value is left out rather than refused (a GET form). */
export function readAuditFilter(url: URL): AuditFilter {
  const text = (name: string) => (url.searchParams.get(name) ?? "").trim().slice(0, 100) || undefined;
  const day = (name: string) => {
    const iso = isoDateFromInput(text(name) ?? "");
    return isIsoDate(iso) ? iso : undefined;
  };
  const kind = text("kind");
  return {
    person: text("person"),
    group: text("group"),
    kind: kind && (AUDIT_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    from: day("from"),
    to: day("to"),
  };
}
