import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../app/infra/db.server";
import { dueDate } from "../app/modules/outcomes/due.server";
import { seedGrantsDemo } from "./demo-grants";
import { HISTORY_ROUND, seedOutcomesDemo } from "./demo-outcomes";
import { seedReviewsDemo } from "./demo-reviews";
import { grants, groups, outcomeMemberIncomes, outcomeReports, rounds, tranches, users } from "./schema";
import { seedDemo } from "./seed";

// The outcome demo (issue #6, part 8): every grant has its schedule, reports in every state, a
// year and more of history for several groups, and the data agrees with itself.

describe("outcome demo data", () => {
  it("backfills schedules, seeds a year of history in every state, once, whatever ran before", async () => {
    // Before the programme exists it only backfills (nothing to backfill yet) and seeds nothing.
    expect(await seedOutcomesDemo()).toEqual({ seeded: false, backfilled: 0 });
    await seedDemo();
    await seedGrantsDemo();
    await seedReviewsDemo();
    // The review demo's approvals made grants through awardGrant: they already have schedules.
    const first = await seedOutcomesDemo();
    expect(first).toEqual({ seeded: true, backfilled: 0 });
    expect(await seedOutcomesDemo()).toEqual({ seeded: false, backfilled: 0 });

    // A grant without reports (as made before the outcome tables existed) is backfilled.
    const [someGrant] = await db.select({ id: grants.id }).from(grants).limit(1);
    await db.delete(outcomeReports).where(eq(outcomeReports.grantId, someGrant.id));
    expect((await seedOutcomesDemo()).backfilled).toBe(1);

    const states = await db.selectDistinct({ status: outcomeReports.status }).from(outcomeReports);
    expect(states.map((s) => s.status).sort()).toEqual(["approved", "changes_requested", "draft", "pending", "submitted"]);
    // Every grant has a baseline and one report per item of its round's schedule.
    const perGrant = await db.execute<{ grant_id: string; n: number; expected: number }>(sql`
      select g.id as grant_id, count(r.id)::int as n, jsonb_array_length(ro.report_schedule) + 1 as expected
      from grants g join rounds ro on ro.id = g.round_id left join outcome_reports r on r.grant_id = g.id
      group by g.id, ro.report_schedule`);
    const rows = Array.isArray(perGrant) ? perGrant : (perGrant as unknown as { rows: { n: number; expected: number }[] }).rows;
    for (const row of rows) expect(row.n).toBe(row.expected);

    // Several groups with baseline, month 6 and month 12 approved: a year of history.
    const history = await db
      .select({ grantId: outcomeReports.grantId, n: count() })
      .from(outcomeReports)
      .innerJoin(grants, eq(grants.id, outcomeReports.grantId))
      .innerJoin(rounds, eq(rounds.id, grants.roundId))
      .where(and(eq(rounds.titleVi, HISTORY_ROUND), eq(outcomeReports.status, "approved")))
      .groupBy(outcomeReports.grantId);
    expect(history.filter((h) => h.n >= 3).length).toBeGreaterThanOrEqual(5);
    expect((await db.select({ n: count() }).from(outcomeMemberIncomes))[0].n).toBeGreaterThan(10);

    // Incomes rise for most and fall for some, from baseline to the latest approved report.
    const change = await db.execute<{ delta: string }>(sql`
      select (latest.avg_monthly_income - base.avg_monthly_income)::text as delta
      from outcome_reports base
      join lateral (select avg_monthly_income from outcome_reports r where r.grant_id = base.grant_id and r.status = 'approved'
        order by r.months desc limit 1) latest on true
      where base.key = 'baseline' and exists (select 1 from outcome_reports o where o.grant_id = base.grant_id and o.key <> 'baseline' and o.status = 'approved')`);
    const deltas = (Array.isArray(change) ? change : (change as unknown as { rows: { delta: string }[] }).rows).map((r) => BigInt(r.delta));
    expect(deltas.filter((d) => d > 0n).length).toBeGreaterThan(deltas.filter((d) => d < 0n).length);
    expect(deltas.some((d) => d < 0n)).toBe(true);

    // A tranche waiting for an approved report has its condition met; one waiting for another has not.
    const gated = await db
      .select({ met: tranches.conditionMetAt, status: outcomeReports.status })
      .from(tranches)
      .innerJoin(outcomeReports, and(eq(outcomeReports.grantId, tranches.grantId), sql`${tranches.waitsFor} = 'report:' || ${outcomeReports.key}`));
    for (const row of gated) expect(row.met !== null).toBe(row.status === "approved");

    // The status history of every report is in the audit log and ends where the row is.
    const last = await db.execute<{ entity_id: string; last: string }>(sql`
      select distinct on (entity_id) entity_id, data->>'to' as last
      from audit_log where entity_type = 'outcome_report' and data ? 'to' order by entity_id, id desc`);
    const current = new Map((await db.select({ id: outcomeReports.id, status: outcomeReports.status }).from(outcomeReports)).map((r) => [r.id, r.status]));
    for (const row of Array.isArray(last) ? last : (last as unknown as { rows: { entity_id: string; last: string }[] }).rows) {
      expect(row.last).toBe(current.get(row.entity_id));
    }

    // group@gieo.test's month-6 report falls due within the reminder window (14 days).
    const [mine] = await db
      .select({ acceptedAt: grants.acceptedAt, months: outcomeReports.months, status: outcomeReports.status })
      .from(outcomeReports)
      .innerJoin(grants, eq(grants.id, outcomeReports.grantId))
      .innerJoin(groups, eq(groups.id, grants.groupId))
      .innerJoin(users, eq(users.id, groups.ownerId))
      .where(and(eq(users.email, "group@gieo.test"), eq(outcomeReports.key, "m6")));
    expect(mine.status).toBe("pending");
    const daysLeft = (dueDate(mine.acceptedAt, mine.months)!.getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(0);
    expect(daysLeft).toBeLessThan(14);
  });
});
