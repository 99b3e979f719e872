import { grantStatuses } from "./enums";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { users } from "./auth";
import { groups } from "./groups";
import { rounds } from "./programmes";

export const grantStatusEnum = pgEnum("grant_status", grantStatuses);

/** An approved application becomes a grant; its tranches always sum exactly to the award. */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .unique()
      .references(() => applications.id),
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    awardedAmount: bigint("awarded_amount", { mode: "bigint" }).notNull(),
    currency: text("currency").notNull().default("VND"),
    conditions: text("conditions").notNull().default(""),
    status: grantStatusEnum("status").notNull().default("awaiting_acceptance"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    /** How the group consented when a facilitator recorded acceptance on its behalf. */
    acceptanceConsent: text("acceptance_consent"),
    /** When staff marked the award's conditions met (a quote sent, a permit shown), releasing any tranche they held. */
    conditionsMetAt: timestamp("conditions_met_at", { withTimezone: true }),
    conditionsMetBy: uuid("conditions_met_by").references(() => users.id),
    /**
     * The part of the award given back to the round's budget: all of it when a grant awaiting
     * acceptance is cancelled, the unspent part when a grant is terminated. The round's budget
     * rule counts awarded − released (migration 0026's `gieo_round_committed`).
     */
    releasedAmount: bigint("released_amount", { mode: "bigint" }).notNull().default(sql`0`),
    /** Why an admin suspended, terminated or cancelled the grant: the group reads it on its page. */
    statusReason: text("status_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("grants_round_idx").on(t.roundId),
    index("grants_group_idx").on(t.groupId),
    check("grants_award_positive", sql`${t.awardedAmount} > 0`),
    check("grants_released_within_award", sql`${t.releasedAmount} >= 0 and ${t.releasedAmount} <= ${t.awardedAmount}`),
  ],
);

/** One instalment of a grant and what it waits for: "signing" or the key of an outcome report. */
export const tranches = pgTable(
  "tranches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    percent: integer("percent").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    waitsFor: text("waits_for").notNull(),
    /** When the condition was met (agreement accepted, report approved, or by hand by an admin). */
    conditionMetAt: timestamp("condition_met_at", { withTimezone: true }),
    conditionMetBy: uuid("condition_met_by").references(() => users.id),
    /** Held by the award's conditions ("a quote for the dryer before the first tranche") until staff mark them met. */
    heldByConditions: boolean("held_by_conditions").notNull().default(false),
    /**
     * What is taken of the tranche: its live disbursements less the approved returns of them.
     * Kept by the database (triggers on disbursements and money_returns, migration
     * tranche_taken), never written by the app: finance's queue finds the tranches with money
     * still to prepare by it, without summing 50,000 paid ones (issue 17).
     */
    taken: bigint("taken", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [
    unique("tranches_grant_position").on(t.grantId, t.position),
    // Finance's queue walks due tranches with money still to prepare, oldest first, and stops at
    // a page: paid tranches are not in this index at all.
    index("tranches_open_idx").on(t.conditionMetAt, t.id).where(sql`${t.conditionMetAt} is not null and ${t.amount} > ${t.taken}`),
    check("tranches_amount_positive", sql`${t.amount} > 0`),
  ],
);

/**
 * A grant's close-out (issue 14, item 6): written when its final outcome and spending reports are
 * approved and its money is settled, with the figures its closure letter prints as they stood.
 * Removed again if a reversed payment makes the grant owe money (the audit log keeps both).
 */
export const grantClosures = pgTable(
  "grant_closures",
  {
    grantId: uuid("grant_id")
      .primaryKey()
      .references(() => grants.id),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull().defaultNow(),
    paid: bigint("paid", { mode: "bigint" }).notNull(),
    /** Money that came back other than refunds: bounced transfers, cash handed back. */
    returned: bigint("returned", { mode: "bigint" }).notNull(),
    spent: bigint("spent", { mode: "bigint" }).notNull(),
    /** Unspent money the group refunded (money returns of kind "refund"). */
    refunded: bigint("refunded", { mode: "bigint" }).notNull(),
    ownCash: bigint("own_cash", { mode: "bigint" }).notNull(),
    ownInKindValue: bigint("own_in_kind_value", { mode: "bigint" }).notNull(),
  },
  (t) => [check("grant_closures_settled", sql`${t.paid} - ${t.returned} = ${t.spent} + ${t.refunded}`)],
);
