import { and, eq, isNull } from "drizzle-orm";
import { groupFacilitators, groups, userRoles, users } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { formatDate } from "../../i18n/format";
import { notify, queueEmail } from "../notifications/notifications.server";

/** Where the group reads and fills a report. */
export function reportLink(reportId: string): string {
  return `/reports/${reportId}`;
}

/** Where staff review a report. */
export function reviewLink(reportId: string): string {
  return `/admin/reports/${reportId}`;
}

export interface NoticeReport {
  id: string;
  groupId: string;
  labelVi: string;
  labelEn: string;
}

/**
 * The group's people who hear about its reports: its leader's account and its facilitators
 * (who often fill the report in the field), each with their language and e-mail.
 */
async function groupPeople(tx: DbOrTx, groupId: string) {
  const [group] = await tx
    .select({ name: groups.name, ownerId: users.id, ownerName: users.name, ownerEmail: users.email, ownerLocale: users.locale })
    .from(groups)
    .leftJoin(users, and(eq(users.id, groups.ownerId), isNull(users.disabledAt)))
    .where(eq(groups.id, groupId));
  const facilitators = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(and(eq(groupFacilitators.groupId, groupId), isNull(users.disabledAt)));
  const people = new Map(facilitators.map((f) => [f.id, f]));
  if (group?.ownerId && group.ownerLocale) {
    people.set(group.ownerId, { id: group.ownerId, name: group.ownerName ?? "", email: group.ownerEmail, locale: group.ownerLocale });
  }
  return { groupName: group?.name ?? "", people: [...people.values()] };
}

// The in-app notices carry both labels: each catalogue's message names the one in its language.
const labels = (report: NoticeReport) => ({ reportVi: report.labelVi, reportEn: report.labelEn });

/** Staff approved the report or asked for changes: an in-app notice and an e-mail to each of the group's people. */
export async function tellGroupOfReview(
  tx: DbOrTx,
  report: NoticeReport,
  review: { outcome: "approved" | "changes_requested"; message: string },
): Promise<void> {
  const { groupName, people } = await groupPeople(tx, report.groupId);
  const link = reportLink(report.id);
  for (const person of people) {
    await notify(tx, {
      userId: person.id,
      messageKey: review.outcome === "approved" ? "outcomes.notice.approved" : "outcomes.notice.changes",
      params: { ...labels(report), group: groupName },
      link,
    });
    if (!person.email) continue;
    const props = {
      name: person.name,
      groupName,
      reportLabelVi: report.labelVi,
      reportLabelEn: report.labelEn,
      message: review.message,
      link: `${getEnv().appUrl}${link}`,
    };
    if (review.outcome === "approved") await queueEmail(tx, { to: person.email, locale: person.locale, template: "report-approved", props });
    else await queueEmail(tx, { to: person.email, locale: person.locale, template: "report-changes-requested", props });
  }
}

/** A report was submitted: an in-app notice to programme staff, who review it. */
export async function tellStaffOfSubmission(tx: DbOrTx, report: NoticeReport): Promise<void> {
  const { groupName } = await groupPeople(tx, report.groupId);
  const staff = await tx
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "admin"), isNull(users.disabledAt)));
  for (const person of staff) {
    await notify(tx, { userId: person.id, messageKey: "outcomes.notice.submitted", params: { ...labels(report), group: groupName }, link: reviewLink(report.id) });
  }
}

/** A reminder before the due date or once it has passed, to each of the group's people. */
export async function remindGroup(tx: DbOrTx, report: NoticeReport & { dueAt: Date }, kind: "due_soon" | "overdue"): Promise<void> {
  const { groupName, people } = await groupPeople(tx, report.groupId);
  const link = reportLink(report.id);
  for (const person of people) {
    await notify(tx, {
      userId: person.id,
      messageKey: kind === "due_soon" ? "outcomes.notice.dueSoon" : "outcomes.notice.overdue",
      params: { ...labels(report), group: groupName, date: formatDate(report.dueAt) },
      link,
    });
    if (!person.email) continue;
    const props = { name: person.name, groupName, reportLabelVi: report.labelVi, reportLabelEn: report.labelEn, dueAt: report.dueAt, link: `${getEnv().appUrl}${link}` };
    if (kind === "due_soon") await queueEmail(tx, { to: person.email, locale: person.locale, template: "report-due-soon", props });
    else await queueEmail(tx, { to: person.email, locale: person.locale, template: "report-overdue", props });
  }
}
