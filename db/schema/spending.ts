import { spendingReportStatuses } from "./enums";
import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { budgetLines } from "./applications";
import { users } from "./auth";
import { grants } from "./grants";

// What the group spent (issue 14, item 5): the spending module's tables.

export const spendingReportStatusEnum = pgEnum("spending_report_status", spendingReportStatuses);

/**
 * One spending report of a grant, for one period of its outcome schedule: `key` is the outcome
 * report's key (`m6`, `final`), so the period's two reports go together and a tranche can wait for
 * either (`waits_for = 'spending:<key>'`). The report of the grant's last outcome report is its
 * final spending report, which close-out waits for. Made when the group first saves it.
 * The group's own contribution, in cash and in kind (its value in đồng and what it was), is the
 * period's.
 */
export const spendingReports = pgTable(
  "spending_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    key: text("key").notNull(),
    status: spendingReportStatusEnum("status").notNull().default("draft"),
    ownCash: bigint("own_cash", { mode: "bigint" }).notNull().default(sql`0`),
    ownInKindValue: bigint("own_in_kind_value", { mode: "bigint" }).notNull().default(sql`0`),
    ownInKind: text("own_in_kind").notNull().default(""),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    /** Staff's words to the group: what to change, or a note with the approval. */
    reviewMessage: text("review_message"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("spending_reports_grant_key").on(t.grantId, t.key),
    index("spending_reports_status_idx").on(t.status, t.submittedAt),
    check("spending_reports_own_not_negative", sql`${t.ownCash} >= 0 and ${t.ownInKindValue} >= 0`),
  ],
);

/**
 * What the report says was spent on one approved budget line of the grant's application: the
 * amount, the day, and the receipt's photo (in `stored_files`, cleaned like every upload).
 * A line left blank on the form has no row.
 */
export const spendingLines = pgTable(
  "spending_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => spendingReports.id, { onDelete: "cascade" }),
    budgetLineId: uuid("budget_line_id")
      .notNull()
      .references(() => budgetLines.id),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    spentOn: date("spent_on").notNull(),
    receiptStorageKey: text("receipt_storage_key"),
    receiptMime: text("receipt_mime"),
    receiptSize: integer("receipt_size"),
    receiptName: text("receipt_name"),
    receiptBy: uuid("receipt_by").references(() => users.id),
  },
  (t) => [
    unique("spending_lines_report_budget_line").on(t.reportId, t.budgetLineId),
    check("spending_lines_amount_positive", sql`${t.amount} > 0`),
  ],
);
