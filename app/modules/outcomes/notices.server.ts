import { eq } from "drizzle-orm";
import { groups } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { formatDate } from "../../i18n/format";
import { groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";

/** Where the group reads and fills a report. */
export function reportLink(reportId: string): string {
  return `/reports/${reportId}`;
}

/** Where staff review a report. */
export function reportReviewLink(reportId: string): string {
  return `/admin/reports/${reportId}`;
}

export interface NoticeReport {
  id: string;
  groupId: string;
  labelVi: string;
  labelEn: string;
}

async function groupName(tx: DbOrTx, groupId: string): Promise<string> {
  const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));
  return group?.name ?? "";
}

// The in-app notices carry both labels: each catalogue's message names the one in its language.
const labels = (report: NoticeReport) => ({ reportVi: report.labelVi, reportEn: report.labelEn });

/** The phone text names the report in the reader's language. */
const phoneLabel = (report: NoticeReport) => (person: { locale: string }) => (person.locale === "en" ? report.labelEn : report.labelVi);

/**
 * Staff approved the report or asked for changes: an in-app notice to each of the group's people
 * (its leader and the facilitators who often fill the report in the field), and an e-mail to
 * those with an address.
 */
export async function tellGroupOfReportReview(
  tx: DbOrTx,
  report: NoticeReport,
  review: { outcome: "approved" | "changes_requested"; message: string },
): Promise<void> {
  const name = await groupName(tx, report.groupId);
  const link = reportLink(report.id);
  const props = (person: { name: string }) => ({
    name: person.name,
    groupName: name,
    reportLabelVi: report.labelVi,
    reportLabelEn: report.labelEn,
    message: review.message,
    link: `${getEnv().appUrl}${link}`,
  });
  const inApp = { messageKey: review.outcome === "approved" ? "outcomes.notice.approved" : "outcomes.notice.changes", params: { ...labels(report), group: name }, link };
  const phone = {
    text: review.outcome === "approved" ? ("report-approved" as const) : ("report-changes" as const),
    params: (person: { locale: string }) => ({ group: name, report: phoneLabel(report)(person) }),
  };
  if (review.outcome === "approved") {
    await tell(tx, { to: groupPeople(report.groupId), inApp, email: { template: "report-approved", props }, phone });
  } else {
    await tell(tx, { to: groupPeople(report.groupId), inApp, email: { template: "report-changes-requested", props }, phone });
  }
}

/** A report was submitted: an in-app notice to programme staff, who review it. */
export async function tellStaffOfSubmission(tx: DbOrTx, report: NoticeReport): Promise<void> {
  const name = await groupName(tx, report.groupId);
  await tell(tx, {
    to: roleHolders("admin"),
    inApp: { messageKey: "outcomes.notice.submitted", params: { ...labels(report), group: name }, link: reportReviewLink(report.id) },
  });
}

/** A reminder before the due date or once it has passed, to each of the group's people. */
export async function remindGroup(tx: DbOrTx, report: NoticeReport & { dueAt: Date }, kind: "due_soon" | "overdue"): Promise<void> {
  const name = await groupName(tx, report.groupId);
  const link = reportLink(report.id);
  const props = (person: { name: string }) => ({
    name: person.name,
    groupName: name,
    reportLabelVi: report.labelVi,
    reportLabelEn: report.labelEn,
    dueAt: report.dueAt,
    link: `${getEnv().appUrl}${link}`,
  });
  const inApp = {
    messageKey: kind === "due_soon" ? "outcomes.notice.dueSoon" : "outcomes.notice.overdue",
    params: { ...labels(report), group: name, date: formatDate(report.dueAt) },
    link,
  };
  const phone = {
    text: kind === "due_soon" ? ("report-due-soon" as const) : ("report-overdue" as const),
    params: (person: { locale: string }) => ({ group: name, report: phoneLabel(report)(person), date: formatDate(report.dueAt) }),
  };
  if (kind === "due_soon") await tell(tx, { to: groupPeople(report.groupId), inApp, email: { template: "report-due-soon", props }, phone });
  else await tell(tx, { to: groupPeople(report.groupId), inApp, email: { template: "report-overdue", props }, phone });
}
