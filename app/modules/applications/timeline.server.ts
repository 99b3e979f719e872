import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { auditLog, clarifications, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { ApplicationStatus } from "./machine";

// What the group sees of its application's life: the changes of status, read from the audit log
// (the one record of who did what, and when), and the one thing it should do next.

const milestones = [
  "application.created",
  "application.submitted",
  "application.clarification_requested",
  "application.eligible",
  "application.ineligible",
  "application.withdrawn",
];

export interface TimelineEntry {
  at: Date;
  /** A catalogue key: applications.timeline.<what happened>. */
  what: string;
  /** The person, for what the group's own people did; staff are "the programme team". */
  by: string | null;
  onBehalf: boolean;
}

export async function timelinesOf(applicationIds: string[]): Promise<Map<string, TimelineEntry[]>> {
  const result = new Map<string, TimelineEntry[]>(applicationIds.map((id) => [id, []]));
  if (applicationIds.length === 0) return result;
  const rows = await db
    .select({
      entityId: auditLog.entityId,
      at: auditLog.at,
      action: auditLog.action,
      data: auditLog.data,
      onBehalfOf: auditLog.onBehalfOf,
      name: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "application"), inArray(auditLog.entityId, applicationIds), inArray(auditLog.action, milestones)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  for (const row of rows) {
    const groupSide = row.action === "application.created" || row.action === "application.submitted" || row.action === "application.withdrawn";
    const answered = row.action === "application.submitted" && row.data?.from === "clarification_requested";
    result.get(row.entityId ?? "")?.push({
      at: row.at,
      what: answered ? "applications.timeline.answered" : `applications.timeline.${row.action.slice("application.".length)}`,
      by: groupSide ? row.name : null,
      onBehalf: Boolean(row.onBehalfOf),
    });
  }
  return result;
}

/** The open question of a clarification, if one is waiting for the group's answer. */
export async function openClarification(applicationId: string) {
  const [row] = await db
    .select({ id: clarifications.id, question: clarifications.question, fields: clarifications.fields, askedAt: clarifications.askedAt })
    .from(clarifications)
    .where(and(eq(clarifications.applicationId, applicationId), isNull(clarifications.answeredAt)))
    .orderBy(desc(clarifications.askedAt))
    .limit(1);
  return row ?? null;
}

export interface NextThing {
  /** A catalogue key: applications.next.<…>, or grants.next.<…> once the application is a grant. */
  what: string;
  /** The key's values, already in the reader's language (a report's name). */
  params?: Record<string, string | number>;
  link: string | null;
}

/** The one thing the group should do now, by status (SPEC.md: "the next thing to do"). */
export function nextThingFor(
  application: { id: string; status: ApplicationStatus; step: number },
  roundOpen: boolean,
  clarificationId: string | null,
): NextThing {
  switch (application.status) {
    case "draft":
      if (!roundOpen) return { what: "applications.next.roundClosed", link: null };
      return application.step >= 6
        ? { what: "applications.next.submit", link: `/applications/${application.id}/step/6` }
        : { what: "applications.next.continue", link: `/applications/${application.id}/step/${application.step}` };
    case "clarification_requested":
      return { what: "applications.next.answer", link: clarificationId ? `/clarifications/${clarificationId}` : null };
    case "submitted":
      return { what: "applications.next.wait", link: null };
    case "eligible":
      return { what: "applications.next.eligible", link: null };
    case "ineligible":
      return { what: "applications.next.ineligible", link: null };
    // Decided: what the decision asks of the group (the agreement, a report…) is composed by the
    // decisions module, which reads the grant; here only the decision itself.
    case "withdrawn":
      return { what: "applications.next.withdrawn", link: null };
    case "approved":
    case "waitlisted":
    case "rejected":
      return { what: `applications.next.${application.status}`, link: `/decisions/${application.id}` };
  }
  // A status added by a later issue: nothing is asked of the group until its page says so.
  return { what: "applications.next.wait", link: null };
}
