import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { users } from "./auth";
import { rounds } from "./programmes";

// The decisions module's table: what the committee decided on each application.

export const decisionOutcomeEnum = pgEnum("decision_outcome", ["approved", "waitlisted", "rejected"]);

/**
 * The admin's decision on an application. The sum of approved awards in a round never exceeds
 * the round's budget: a constraint trigger (migration 0005) checks it with the round row locked,
 * so two admins approving at the same moment cannot overspend.
 */
export const decisions = pgTable(
  "decisions",
  {
    applicationId: uuid("application_id")
      .primaryKey()
      .references(() => applications.id),
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id),
    outcome: decisionOutcomeEnum("outcome").notNull(),
    awardedAmount: bigint("awarded_amount", { mode: "bigint" }),
    conditions: text("conditions").notNull().default(""),
    reasonVi: text("reason_vi").notNull(),
    reasonEn: text("reason_en").notNull().default(""),
    /**
     * Why the admin decided before the round's required reviews were in (null when they were):
     * the override is kept with the decision and shown on the scoreboard.
     */
    reviewsOverride: text("reviews_override"),
    decidedBy: uuid("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("decisions_round_idx").on(t.roundId, t.outcome),
    check(
      "decisions_award_matches_outcome",
      sql`(${t.outcome} = 'approved' and ${t.awardedAmount} > 0) or (${t.outcome} <> 'approved' and ${t.awardedAmount} is null)`,
    ),
  ],
);
