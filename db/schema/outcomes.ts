import { outcomeReportStatuses } from "./enums";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { grants } from "./grants";
import { groupMembers } from "./groups";

/**
 * A report's life (transition table in app/modules/outcomes/transitions.ts):
 * pending → draft → submitted → approved, or submitted → changes_requested → draft/submitted again.
 * The baseline report is approved from the start: its figures come from the application.
 */
export const outcomeReportStatusEnum = pgEnum("outcome_report_status", outcomeReportStatuses);

/** The key of the report taken from the application; every other key comes from the round's reportSchedule. */
export const BASELINE_REPORT_KEY = "baseline";

/**
 * One outcome report of a grant (SPEC.md step 9): the baseline, then one per item of the round's
 * `reportSchedule` (same `key`, which tranches name in `waits_for = 'report:<key>'`).
 *
 * Due date: NOT stored. It is `grants.accepted_at + months` (months after signing), computed in
 * SQL where needed (app/modules/outcomes/due.server.ts `reportDueAt`). Reason: `accepted_at` is
 * null until the group accepts the agreement and is written by the grants module; computing it
 * means no second place to keep in step, and a report of a grant not yet accepted has no due date.
 *
 * Figures are null until the group fills them. Money is bigint đồng. Area under sustainable
 * management is stored as whole square metres (1 ha = 10,000 m²): exact, no floats, and finer
 * than anyone measures a forest plot; the form accepts hectares with up to 4 decimals.
 * Quantity produced is an exact decimal (numeric, read as a string) with its unit as text.
 */
export const outcomeReports = pgTable(
  "outcome_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** Copied from the round's schedule when the report is created, so later edits of the round do not rename history. */
    labelVi: text("label_vi").notNull(),
    labelEn: text("label_en").notNull(),
    /** Months after the agreement was accepted; 0 for the baseline. */
    months: integer("months").notNull(),
    status: outcomeReportStatusEnum("status").notNull().default("pending"),
    /** Average monthly income per member from the activity, đồng. */
    avgMonthlyIncome: bigint("avg_monthly_income", { mode: "bigint" }),
    /** Sales in the period since the previous report, đồng. */
    sales: bigint("sales", { mode: "bigint" }),
    /** Women earning from the activity (the baseline takes the application's women taking part). */
    womenEarning: integer("women_earning"),
    /** Area under sustainable management, whole m² (1 ha = 10,000 m²). */
    areaSqm: integer("area_sqm"),
    quantityProduced: numeric("quantity_produced", { precision: 14, scale: 3 }),
    quantityUnit: text("quantity_unit").notNull().default(""),
    story: text("story").notNull().default(""),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    /** Staff's message when asking for changes (the group reads it), or a note on approval. */
    reviewMessage: text("review_message"),
    /**
     * Reminder bookkeeping: each is claimed by a conditional UPDATE … WHERE … IS NULL in the same
     * transaction as the outbox rows, so each kind goes out exactly once per report.
     */
    remindedDueSoonAt: timestamp("reminded_due_soon_at", { withTimezone: true }),
    remindedOverdueAt: timestamp("reminded_overdue_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("outcome_reports_grant_key").on(t.grantId, t.key),
    index("outcome_reports_status_idx").on(t.status),
    check("outcome_reports_months", sql`${t.months} >= 0`),
    check(
      "outcome_reports_figures_not_negative",
      sql`coalesce(${t.avgMonthlyIncome}, 0) >= 0 and coalesce(${t.sales}, 0) >= 0 and coalesce(${t.womenEarning}, 0) >= 0 and coalesce(${t.areaSqm}, 0) >= 0 and coalesce(${t.quantityProduced}, 0) >= 0`,
    ),
    // A report counts for the dashboard only once it carries its headline figure.
    check(
      "outcome_reports_submitted_has_income",
      sql`${t.status} in ('pending', 'draft') or ${t.avgMonthlyIncome} is not null`,
    ),
  ],
);

/** Optional: each member's monthly income from the activity, from the group's roster. */
export const outcomeMemberIncomes = pgTable(
  "outcome_member_incomes",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => outcomeReports.id, { onDelete: "cascade" }),
    // Deleting a member (withdrawn consent) removes her figure; the report's average stays.
    memberId: uuid("member_id")
      .notNull()
      .references(() => groupMembers.id, { onDelete: "cascade" }),
    monthlyIncome: bigint("monthly_income", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.memberId] }),
    index("outcome_member_incomes_member_idx").on(t.memberId),
    check("outcome_member_incomes_not_negative", sql`${t.monthlyIncome} >= 0`),
  ],
);

/** Photos of a report; files stored under server-made names by the storage module, metadata only here. */
export const outcomeReportPhotos = pgTable(
  "outcome_report_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => outcomeReports.id, { onDelete: "cascade" }),
    originalName: text("original_name").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outcome_report_photos_report_idx").on(t.reportId)],
);

/**
 * Programme-wide settings of outcome reporting, one row (id is always true). A missing row means
 * the defaults below; the admin form upserts it.
 */
export const outcomeSettings = pgTable(
  "outcome_settings",
  {
    id: boolean("id").primaryKey().default(true),
    /** Incomes above this (đồng per member per month) are refused as absurd. */
    maxMonthlyIncome: bigint("max_monthly_income", { mode: "bigint" }).notNull().default(sql`100000000`),
    /** How many days before a report's due date the "due soon" reminder goes out. */
    reminderDaysBefore: integer("reminder_days_before").notNull().default(14),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("outcome_settings_single_row", sql`${t.id}`),
    check("outcome_settings_bounds", sql`${t.maxMonthlyIncome} > 0 and ${t.reminderDaysBefore} between 1 and 365`),
  ],
);
