import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
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

export const grantStatusEnum = pgEnum("grant_status", ["awaiting_acceptance", "active", "completed", "cancelled"]);

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("grants_round_idx").on(t.roundId),
    index("grants_group_idx").on(t.groupId),
    check("grants_award_positive", sql`${t.awardedAmount} > 0`),
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
  },
  (t) => [
    unique("tranches_grant_position").on(t.grantId, t.position),
    // Finance's queue walks due tranches oldest first and stops at a page.
    index("tranches_due_idx").on(t.conditionMetAt, t.id).where(sql`${t.conditionMetAt} is not null`),
    check("tranches_amount_positive", sql`${t.amount} > 0`),
  ],
);

export const disbursementMethodEnum = pgEnum("disbursement_method", ["stripe", "bank_transfer", "cash"]);
export const disbursementStatusEnum = pgEnum("disbursement_status", [
  "prepared",
  "approved",
  "processing",
  "paid",
  "failed",
  "cancelled",
  "reversed",
]);

/**
 * Money leaving the programme. Two people: the preparer and the approver differ (the database
 * refuses otherwise). Live disbursements (not failed, cancelled or reversed) of a grant never
 * exceed its award: a constraint trigger (migration 0007) checks it with the grant row locked.
 */
export const disbursements = pgTable(
  "disbursements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    trancheId: uuid("tranche_id")
      .notNull()
      .references(() => tranches.id),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    method: disbursementMethodEnum("method").notNull(),
    /** Who receives the money: printed on a cash receipt (phiếu chi) and on the bank transfer's purpose. */
    recipientName: text("recipient_name").notNull().default(""),
    /** The receiving bank's NAPAS BIN, chosen by finance for a bank transfer's VietQR code. */
    bankBin: text("bank_bin"),
    note: text("note").notNull().default(""),
    status: disbursementStatusEnum("status").notNull().default("prepared"),
    preparedBy: uuid("prepared_by")
      .notNull()
      .references(() => users.id),
    preparedAt: timestamp("prepared_at", { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /** Derived from the disbursement's id and saved before any call to Stripe. */
    idempotencyKey: text("idempotency_key").unique(),
    stripeTransferId: text("stripe_transfer_id").unique(),
    bankReference: text("bank_reference"),
    paidOn: date("paid_on"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    receiptStorageKey: text("receipt_storage_key"),
    failureMessage: text("failure_message"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("disbursements_grant_idx").on(t.grantId),
    index("disbursements_tranche_idx").on(t.trancheId),
    index("disbursements_status_idx").on(t.status),
    check("disbursements_amount_positive", sql`${t.amount} > 0`),
    check("disbursements_two_people", sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.preparedBy}`),
  ],
);

/** Stripe webhook events already handled; recorded in the same transaction as their effect. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
