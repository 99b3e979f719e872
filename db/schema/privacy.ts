import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { breachUpdateKinds, retentionKinds } from "./enums";

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

export const retentionKindEnum = pgEnum("retention_kind", retentionKinds);

/**
 * How long each kind of personal data is kept once its purpose is over (issue 15, item 5), set by
 * an admin. The migration seeds the defaults; the job runner applies them.
 */
export const retentionRules = pgTable(
  "retention_rules",
  {
    kind: retentionKindEnum("kind").primaryKey(),
    months: integer("months").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("retention_rules_months_range", sql`${t.months} between 1 and 600`)],
);

/** One application of one rule: when, and how many records it cleared (no names). */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    kind: retentionKindEnum("kind").notNull(),
    months: integer("months").notNull(),
    affected: integer("affected").notNull(),
  },
  (t) => [index("retention_runs_at_idx").on(t.at)],
);

/**
 * A personal-data breach as first recorded (issue 15, item 6). The row never changes (a trigger
 * refuses it): what happened next is appended to breach_updates.
 */
export const breaches = pgTable("breaches", {
  id: uuid("id").primaryKey().defaultRandom(),
  summary: text("summary").notNull(),
  detectedAt: timestamp("detected_at", { withTimezone: true }).notNull(),
  recordedBy: uuid("recorded_by").references(() => users.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
});

export const breachUpdateKindEnum = pgEnum("breach_update_kind", breachUpdateKinds);

/** What was done or learnt about a breach, appended only. */
export const breachUpdates = pgTable(
  "breach_updates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    breachId: uuid("breach_id")
      .notNull()
      .references(() => breaches.id),
    kind: breachUpdateKindEnum("kind").notNull(),
    text: text("text").notNull(),
    by: uuid("by").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("breach_updates_breach_idx").on(t.breachId, t.at)],
);
