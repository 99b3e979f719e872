import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { disbursements, outcomeReports } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { rowsOf } from "./facts.server";
import { M, makeImpactFixture } from "../../testing/factories";

// `grant_figures` is kept by triggers (migration 0015). These tests compare it, after each kind of
// write, with the figures computed afresh from the raw tables by a query written differently on
// purpose (DISTINCT ON and ORDER BY where the trigger packs months into a bigint), so a mistake
// in either shows as a difference.

let fixture: Awaited<ReturnType<typeof makeImpactFixture>>;

beforeAll(async () => {
  fixture = await makeImpactFixture();
});

interface Figures {
  grant_id: string;
  disbursements: number;
  paid: string;
  reports: number;
  report_baseline: string | null;
  latest: string | null;
  latest_months: number | null;
  report_women: number | null;
}

function fromScratch(ids: string[]): Promise<Figures[]> {
  return rowsOf<Figures>(sql`
    select g.id as grant_id,
      (select count(*)::int from disbursements d where d.grant_id = g.id) as disbursements,
      (select coalesce(sum(d.amount), 0)::text from disbursements d where d.grant_id = g.id and d.status = 'paid') as paid,
      (select count(*)::int from outcome_reports o where o.grant_id = g.id) as reports,
      (select o.avg_monthly_income::text from outcome_reports o where o.grant_id = g.id and o.key = 'baseline' and o.status = 'approved') as report_baseline,
      (select o.avg_monthly_income::text from outcome_reports o where o.grant_id = g.id and o.key <> 'baseline' and o.status = 'approved'
        order by o.months desc, o.avg_monthly_income desc limit 1) as latest,
      (select o.months from outcome_reports o where o.grant_id = g.id and o.key <> 'baseline' and o.status = 'approved'
        order by o.months desc limit 1) as latest_months,
      (select o.women_earning from outcome_reports o where o.grant_id = g.id and o.status = 'approved' and o.women_earning is not null
        order by o.months desc, o.women_earning desc limit 1) as report_women
    from grants g where g.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
    order by g.id`);
}

function kept(ids: string[]): Promise<Figures[]> {
  return rowsOf<Figures>(sql`
    select grant_id, disbursements, paid::text as paid, reports, report_baseline::text as report_baseline,
      latest::text as latest, latest_months, report_women
    from grant_figures where grant_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
    order by grant_id`);
}

const allIds = () => [...fixture.grants.map((g) => g.grantId), fixture.cancelled.grantId, fixture.other.grantId];

describe("the per-grant figures the database keeps", () => {
  it("match the raw tables after the fixture's inserts", async () => {
    const expected = await fromScratch(allIds());
    expect(await kept(allIds())).toEqual(expected);
    // Spot checks against the fixture's table (app/testing/factories/impact.ts): G1 paid 30 million, its
    // latest is the final report at 12 months; G7 has no approved report after its baseline.
    const g1 = expected.find((f) => f.grant_id === fixture.grants[0].grantId)!;
    expect([g1.paid, g1.latest, g1.latest_months, g1.report_women]).toEqual([String(30n * M), "1300000", 12, 7]);
    const g7 = expected.find((f) => f.grant_id === fixture.grants[6].grantId)!;
    expect([g7.latest, g7.reports]).toEqual([null, 3]);
  });

  it("follow updates and deletions of reports and disbursements", async () => {
    const [g2, g4, g5, g7] = [fixture.grants[1], fixture.grants[3], fixture.grants[4], fixture.grants[6]];
    // G7's month-6 report approved; G2's submitted final approved too (both in one statement).
    await db
      .update(outcomeReports)
      .set({ status: "approved" })
      .where(and(inArray(outcomeReports.grantId, [g7.grantId, g2.grantId]), inArray(outcomeReports.key, ["m6", "final"]), sql`${outcomeReports.status} in ('submitted', 'changes_requested')`));
    // One of G4's paid transfers reversed; G5's failed one deleted.
    await db.update(disbursements).set({ status: "reversed" }).where(and(eq(disbursements.grantId, g4.grantId), eq(disbursements.amount, 12n * M)));
    await db.delete(disbursements).where(eq(disbursements.grantId, g5.grantId));
    // G2's approved final report removed again.
    await db.delete(outcomeReports).where(and(eq(outcomeReports.grantId, g2.grantId), eq(outcomeReports.key, "final")));

    const ids = [g2.grantId, g4.grantId, g5.grantId, g7.grantId];
    const figures = await kept(ids);
    expect(figures).toEqual(await fromScratch(ids));
    const of = (grantId: string) => figures.find((f) => f.grant_id === grantId)!;
    expect([of(g7.grantId).latest, of(g7.grantId).latest_months]).toEqual(["1000000", 6]);
    expect([of(g2.grantId).latest, of(g2.grantId).reports]).toEqual(["1800000", 2]);
    expect([of(g4.grantId).paid, of(g4.grantId).disbursements]).toEqual([String(18n * M), 2]);
    expect([of(g5.grantId).paid, of(g5.grantId).disbursements]).toEqual(["0", 0]);
  });

  it("lose nothing when two transactions change the same grant at once", async () => {
    // On PostgreSQL the second writer waits for the first's lock on the summary row, then reads
    // the figures afresh; computing before taking the lock would overwrite the first's change.
    // (PGlite runs one transaction at a time, so there it checks only the end state.)
    const g3 = fixture.grants[2];
    await db.update(outcomeReports).set({ status: "submitted" }).where(and(eq(outcomeReports.grantId, g3.grantId), eq(outcomeReports.key, "m6")));
    await db
      .update(outcomeReports)
      .set({ status: "submitted", avgMonthlyIncome: 1_900_000n, womenEarning: 4 })
      .where(and(eq(outcomeReports.grantId, g3.grantId), eq(outcomeReports.key, "final")));

    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = db.transaction(async (tx) => {
      await tx.update(outcomeReports).set({ status: "approved" }).where(and(eq(outcomeReports.grantId, g3.grantId), eq(outcomeReports.key, "m6")));
      firstWrote();
      await firstMayCommit;
    });
    await firstHasWritten;
    const second = db.transaction(async (tx) => {
      await tx.update(outcomeReports).set({ status: "approved" }).where(and(eq(outcomeReports.grantId, g3.grantId), eq(outcomeReports.key, "final")));
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    releaseFirst();
    await Promise.all([first, second]);

    const [figures] = await kept([g3.grantId]);
    expect(figures).toEqual((await fromScratch([g3.grantId]))[0]);
    expect([figures.latest, figures.latest_months]).toEqual(["1900000", 12]);
  });
});
