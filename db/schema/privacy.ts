import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

// Personal data of vulnerable people, kept as Law 91/2025/QH15 and Decree 356/2025 ask
// (issue 15): what was erased and corrected, by whom (the consent ledger is in consents.ts).

export const erasureScopeEnum = pgEnum("erasure_scope", ["member", "group"]);

/** That a member's or a whole group's personal data was erased, when and by whom (no names). */
export const erasures = pgTable("erasures", {
  id: uuid("id").primaryKey().defaultRandom(),
  scope: erasureScopeEnum("scope").notNull(),
  subjectId: uuid("subject_id").notNull(),
  groupId: uuid("group_id").notNull(),
  erasedBy: uuid("erased_by").references(() => users.id),
  erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A correction of a member's details and its reason. The audit log points here and names only
 * the fields: the reason may name people, and this row, unlike the log, can be erased.
 */
export const dataCorrections = pgTable(
  "data_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id").notNull(),
    groupId: uuid("group_id").notNull(),
    fields: text("fields").array().notNull(),
    reason: text("reason").notNull(),
    correctedBy: uuid("corrected_by").references(() => users.id),
    correctedAt: timestamp("corrected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("data_corrections_group_idx").on(t.groupId)],
);
