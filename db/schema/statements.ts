import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { disbursements } from "./disbursements";

// Bank statements finance uploads to confirm transfers as paid (issue 14, item 4). DECISIONS 51.

/** One uploaded statement. The file's SHA-256 is unique: the same file imported twice is one row. */
export const bankStatements = pgTable("bank_statements", {
  id: uuid("id").primaryKey().defaultRandom(),
  fileHash: text("file_hash").notNull().unique(),
  fileName: text("file_name").notNull().default(""),
  /** vietcombank | bidv | vietinbank | camt053 */
  format: text("format").notNull(),
  lineCount: integer("line_count").notNull(),
  importedBy: uuid("imported_by")
    .notNull()
    .references(() => users.id),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  confirmedBy: uuid("confirmed_by").references(() => users.id),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
});

/**
 * One line of a statement. Its hash (date, reference, direction, amount, text) is unique across
 * every statement: a line seen in an earlier, overlapping statement is not stored again.
 * `outcome` is what matching found: "match" (proposed, `disbursement_id` set) or why not.
 */
export const bankStatementLines = pgTable(
  "bank_statement_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    statementId: uuid("statement_id")
      .notNull()
      .references(() => bankStatements.id),
    position: integer("position").notNull(),
    lineHash: text("line_hash").notNull().unique(),
    valueDate: date("value_date").notNull(),
    reference: text("reference").notNull(),
    direction: text("direction").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    description: text("description").notNull().default(""),
    outcome: text("outcome").notNull(),
    disbursementId: uuid("disbursement_id").references(() => disbursements.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [
    index("bank_statement_lines_statement_idx").on(t.statementId, t.position),
    unique("bank_statement_lines_position").on(t.statementId, t.position),
    check("bank_statement_lines_amount_positive", sql`${t.amount} > 0`),
    check("bank_statement_lines_direction", sql`${t.direction} in ('debit', 'credit')`),
    check("bank_statement_lines_match_names_disbursement", sql`${t.outcome} <> 'match' or ${t.disbursementId} is not null`),
  ],
);
