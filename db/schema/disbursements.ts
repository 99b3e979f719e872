import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { disbursementStatuses, moneyReturnStatuses } from "./enums";
import { grants, tranches } from "./grants";

// Money leaving the programme: the disbursements module's tables.

export const disbursementMethodEnum = pgEnum("disbursement_method", ["stripe", "bank_transfer", "cash"]);
export const disbursementStatusEnum = pgEnum("disbursement_status", disbursementStatuses);

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

export const moneyReturnKindEnum = pgEnum("money_return_kind", ["bounced", "cash_returned", "refund"]);
export const moneyReturnMethodEnum = pgEnum("money_return_method", ["bank_transfer", "cash"]);
export const moneyReturnStatusEnum = pgEnum("money_return_status", moneyReturnStatuses);

/**
 * Money coming back to the programme (issue 14): a bank transfer that bounced, cash handed back,
 * or unspent money the group refunds. Two people, as for a disbursement: the preparer and the
 * approver differ. Once approved it counts against what was paid: net paid = paid − returned, a
 * bounced or handed-back disbursement's tranche is due again, and the award's limit applies to
 * live disbursements less approved returns. Returns never exceed what was paid (migration 0026).
 */
export const moneyReturns = pgTable(
  "money_returns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    /** The disbursement that came back (bounced, cash handed back); null for a refund of unspent money. */
    disbursementId: uuid("disbursement_id").references(() => disbursements.id),
    kind: moneyReturnKindEnum("kind").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    method: moneyReturnMethodEnum("method").notNull(),
    receivedOn: date("received_on").notNull(),
    reference: text("reference").notNull().default(""),
    proofStorageKey: text("proof_storage_key"),
    note: text("note").notNull().default(""),
    status: moneyReturnStatusEnum("status").notNull().default("prepared"),
    preparedBy: uuid("prepared_by")
      .notNull()
      .references(() => users.id),
    preparedAt: timestamp("prepared_at", { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (t) => [
    index("money_returns_grant_idx").on(t.grantId),
    index("money_returns_disbursement_idx").on(t.disbursementId),
    check("money_returns_amount_positive", sql`${t.amount} > 0`),
    check("money_returns_two_people", sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.preparedBy}`),
    check("money_returns_names_disbursement", sql`${t.kind} = 'refund' or ${t.disbursementId} is not null`),
  ],
);
