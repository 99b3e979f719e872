import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { grants, outcomeReports } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { dueDate, reportDueAt } from "./due.server";
import { remindGroup } from "./notices.server";
import { getOutcomeSettings } from "./settings.server";

export type ReminderKind = "due_soon" | "overdue";

/** Reports the group still has to send: a submitted one is with staff, an approved one is done. */
const awaitingGroup = ["pending", "draft"] as const;

/**
 * The reminder job (SPEC.md step 9): "due soon" N days before a report's due date (N is the
 * admin's setting) and "overdue" once the date has passed, each at most once per report, even
 * when the job runs twice at once or on two servers. Each batch runs in one transaction that
 * claims its reports (rows locked FOR UPDATE SKIP LOCKED, then `reminded_… = now()` only where it
 * is still null) and queues the notices and e-mails through the outbox: either both commit or
 * neither, so a reminder is never lost and never sent twice. A report overdue before the job
 * first saw it gets only the overdue reminder.
 */
export async function runReportReminders(options: { now?: Date; batch?: number } = {}) {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 100;
  const { reminderDaysBefore } = await getOutcomeSettings();
  const sent: Record<ReminderKind, number> = { due_soon: 0, overdue: 0 };
  for (const kind of ["due_soon", "overdue"] as const) {
    for (;;) {
      const claimed = await claimAndRemind(kind, now, reminderDaysBefore, batch);
      sent[kind] += claimed;
      if (claimed < batch) break;
    }
  }
  return sent;
}

async function claimAndRemind(kind: ReminderKind, now: Date, days: number, batch: number): Promise<number> {
  const column = kind === "due_soon" ? outcomeReports.remindedDueSoonAt : outcomeReports.remindedOverdueAt;
  const at = sql`${now.toISOString()}::timestamptz`;
  const when =
    kind === "due_soon"
      ? sql`${reportDueAt} > ${at} and ${reportDueAt} - make_interval(days => ${days}::int) <= ${at}`
      : sql`${reportDueAt} <= ${at}`;
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({
        id: outcomeReports.id,
        months: outcomeReports.months,
        labelVi: outcomeReports.labelVi,
        labelEn: outcomeReports.labelEn,
        groupId: grants.groupId,
        acceptedAt: grants.acceptedAt,
      })
      .from(outcomeReports)
      .innerJoin(grants, eq(grants.id, outcomeReports.grantId))
      .where(and(inArray(outcomeReports.status, [...awaitingGroup]), inArray(grants.status, ["active", "completed"]), isNull(column), when))
      .orderBy(outcomeReports.id)
      .limit(batch)
      // Another run holding some of these is already reminding them: leave them to it.
      .for("update", { of: outcomeReports, skipLocked: true });
    if (candidates.length === 0) return 0;
    const claimed = await tx
      .update(outcomeReports)
      .set(kind === "due_soon" ? { remindedDueSoonAt: now } : { remindedOverdueAt: now })
      .where(and(inArray(outcomeReports.id, candidates.map((c) => c.id)), isNull(column)))
      .returning({ id: outcomeReports.id });
    const ids = new Set(claimed.map((c) => c.id));
    for (const report of candidates) {
      if (!ids.has(report.id)) continue;
      await remindGroup(tx, { ...report, dueAt: dueDate(report.acceptedAt, report.months)! }, kind);
    }
    // The batch was full, so there may be more; what was skipped as locked is another run's.
    return candidates.length;
  });
}
