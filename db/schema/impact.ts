import { sql } from "drizzle-orm";
import { bigint, integer, pgTable, uuid } from "drizzle-orm/pg-core";
import { grants } from "./grants";

/**
 * The impact dashboard's per-grant figures, kept by the database (migration 0015): one row per
 * grant with money or reports, recomputed from `disbursements` and `outcome_reports` by
 * statement-level triggers on those tables, in the same transaction as the change. Never written
 * by application code. Missing row = no disbursement and no report yet (all figures zero/null).
 *
 * Why a summary at all: the dashboard aggregates 20,000 grants; reading 200,000 outcome reports
 * and every disbursement on each request cost most of its time. Why triggers rather than calls
 * from the owning modules (as `application_scores` is kept): money and reports change in a dozen
 * places across three modules (finance commands, Stripe webhooks, reconciliation, report review,
 * schedules, seeds), and a read model of the impact module should not need each of them to
 * remember it. DECISIONS.md #19.
 *
 * The definitions are those of app/modules/impact/facts.server.ts:
 * - paid: net money: the grant's disbursements in status `paid` less its approved money returns (issue 14); disbursements: all of them;
 * - reports: outcome reports of any status;
 * - reportBaseline: the approved baseline report's income;
 * - latest / latestMonths: the approved non-baseline report with the most months (ties: greater income);
 * - reportWomen: women earning in the approved report with the most months that gives the figure.
 */
export const grantFigures = pgTable("grant_figures", {
  grantId: uuid("grant_id")
    .primaryKey()
    .references(() => grants.id, { onDelete: "cascade" }),
  disbursements: integer("disbursements").notNull().default(0),
  paid: bigint("paid", { mode: "bigint" }).notNull().default(sql`0`),
  reports: integer("reports").notNull().default(0),
  reportBaseline: bigint("report_baseline", { mode: "bigint" }),
  latest: bigint("latest", { mode: "bigint" }),
  latestMonths: integer("latest_months"),
  reportWomen: integer("report_women"),
});
