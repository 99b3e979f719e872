import { and, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { grants, notifications, outbox, outcomeReports, outcomeSettings } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { makeUser } from "../../testing/fixtures";
import { makeActiveGrant } from "../../testing/factories";
import { runReportReminders } from "./reminders.server";

// The reminder job sends exactly one "due soon" and one "overdue" reminder per report, even when
// it runs several times at once. On PostgreSQL (DATABASE_URL set) the runs really overlap on a
// pool of connections; on PGlite, one connection, they queue and the same assertions hold.

const DAY = 86_400_000;
const RUNS = 6;

describe(`report reminders (${currentDatabase().driver})`, () => {
  it("queues one reminder of each kind per report and person, whatever the runs overlap", async () => {
    const leader = await makeUser(["applicant"]);
    const facilitator = await makeUser(["facilitator"]);
    const people = { ownerId: leader.id, facilitatorIds: [facilitator.id], recorderId: facilitator.id, members: 0 };
    // m6 is due 6 months after acceptance: in ~8 days (due soon), or ~20 days ago (overdue).
    const soon = await Promise.all(Array.from({ length: 5 }, () => makeActiveGrant({ ...people, acceptedDaysAgo: 175 })));
    const late = await Promise.all(Array.from({ length: 5 }, () => makeActiveGrant({ ...people, acceptedDaysAgo: 203 })));
    // Not reminded: sent already, not yet accepted, or not yet in the window.
    const sent = await makeActiveGrant({ ...people, acceptedDaysAgo: 203 });
    await db.update(outcomeReports).set({ status: "submitted", avgMonthlyIncome: 1n }).where(eq(outcomeReports.id, sent.reportId("m6")));
    const unaccepted = await makeActiveGrant({ ...people, accepted: false });
    const early = await makeActiveGrant({ ...people, acceptedDaysAgo: 100 });

    const now = new Date();
    // Small batches, so the overlapping runs interleave over many transactions.
    const results = await Promise.all(Array.from({ length: RUNS }, () => runReportReminders({ now, batch: 2 })));
    const total = results.reduce((sum, r) => ({ due_soon: sum.due_soon + r.due_soon, overdue: sum.overdue + r.overdue }), { due_soon: 0, overdue: 0 });
    expect(total).toEqual({ due_soon: soon.length, overdue: late.length });

    const mails = await db.select({ template: outbox.template, to: outbox.toAddress, n: count() }).from(outbox).groupBy(outbox.template, outbox.toAddress);
    expect(mails.sort((a, b) => a.template.localeCompare(b.template) || a.to.localeCompare(b.to))).toEqual(
      [
        { template: "report-due-soon", to: facilitator.email, n: soon.length },
        { template: "report-due-soon", to: leader.email, n: soon.length },
        { template: "report-overdue", to: facilitator.email, n: late.length },
        { template: "report-overdue", to: leader.email, n: late.length },
      ].sort((a, b) => a.template.localeCompare(b.template) || a.to.localeCompare(b.to)),
    );
    const notices = await db
      .select({ key: notifications.messageKey, link: notifications.link, n: count() })
      .from(notifications)
      .where(eq(notifications.userId, leader.id))
      .groupBy(notifications.messageKey, notifications.link);
    expect(notices.every((n) => n.n === 1)).toBe(true);
    expect(notices.filter((n) => n.key === "outcomes.notice.dueSoon").map((n) => n.link).sort()).toEqual(soon.map((g) => `/reports/${g.reportId("m6")}`).sort());
    expect(notices.filter((n) => n.key === "outcomes.notice.overdue").map((n) => n.link).sort()).toEqual(late.map((g) => `/reports/${g.reportId("m6")}`).sort());

    // The claims are on the rows: due soon only on the first five, overdue only on the others.
    const claims = await db
      .select({ id: outcomeReports.id, soon: outcomeReports.remindedDueSoonAt, late: outcomeReports.remindedOverdueAt })
      .from(outcomeReports)
      .where(inArray(outcomeReports.id, [...soon, ...late, sent, unaccepted, early].map((g) => g.reportId("m6"))));
    const claimed = new Map(claims.map((c) => [c.id, c]));
    for (const g of soon) expect([claimed.get(g.reportId("m6"))!.soon !== null, claimed.get(g.reportId("m6"))!.late]).toEqual([true, null]);
    for (const g of late) expect([claimed.get(g.reportId("m6"))!.soon, claimed.get(g.reportId("m6"))!.late !== null]).toEqual([null, true]);
    for (const g of [sent, unaccepted, early]) expect([claimed.get(g.reportId("m6"))!.soon, claimed.get(g.reportId("m6"))!.late]).toEqual([null, null]);

    // Running again sends nothing more; once the due soon reports pass their date, each gets its overdue reminder once.
    expect(await runReportReminders({ now })).toEqual({ due_soon: 0, overdue: 0 });
    const later = new Date(now.getTime() + 10 * DAY);
    const again = await Promise.all(Array.from({ length: RUNS }, () => runReportReminders({ now: later, batch: 2 })));
    expect(again.reduce((sum, r) => sum + r.overdue, 0)).toBe(soon.length);
    expect((await db.select({ n: count() }).from(outbox).where(and(eq(outbox.template, "report-overdue"), eq(outbox.toAddress, leader.email))))[0].n).toBe(
      soon.length + late.length,
    );
    // The unaccepted grant's reports never have a due date.
    expect((await db.select({ at: grants.acceptedAt }).from(grants).where(eq(grants.id, unaccepted.grantId)))[0].at).toBeNull();
  });

  it("uses the admin's lead time", async () => {
    const leader = await makeUser(["applicant"]);
    const grant = await makeActiveGrant({ ownerId: leader.id, recorderId: leader.id, members: 0, acceptedDaysAgo: 160 });
    // Due in about 22 days: outside 14 days, inside 30.
    await db.insert(outcomeSettings).values({ id: true, reminderDaysBefore: 30 }).onConflictDoUpdate({ target: outcomeSettings.id, set: { reminderDaysBefore: 30 } });
    try {
      await runReportReminders();
      const [row] = await db.select({ soon: outcomeReports.remindedDueSoonAt }).from(outcomeReports).where(eq(outcomeReports.id, grant.reportId("m6")));
      expect(row.soon).not.toBeNull();
    } finally {
      await db.update(outcomeSettings).set({ reminderDaysBefore: 14 });
    }
  });
});
