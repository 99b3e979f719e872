import { applicationStatuses } from "./enums";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { groups } from "./groups";
import { rounds } from "./programmes";

/** The application's life up to review; the transition table is in app/modules/applications. */
export const applicationStatusEnum = pgEnum("application_status", applicationStatuses);

export interface ScreeningCheck {
  key: string;
  passed: boolean;
  /** A failed check the admin overrode when she found the application eligible, and why. */
  overrideReason?: string;
}

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    status: applicationStatusEnum("status").notNull().default("draft"),
    /** The furthest wizard step saved, so any device resumes where the group stopped. */
    step: integer("step").notNull().default(1),
    title: text("title").notNull().default(""),
    activityType: text("activity_type"),
    naturalResource: text("natural_resource").notNull().default(""),
    location: text("location").notNull().default(""),
    problem: text("problem").notNull().default(""),
    plan: text("plan").notNull().default(""),
    ownContributionCash: bigint("own_contribution_cash", { mode: "bigint" }).notNull().default(sql`0`),
    ownContributionKind: text("own_contribution_kind").notNull().default(""),
    membersTakingPart: integer("members_taking_part"),
    womenTakingPart: integer("women_taking_part"),
    baselineIncome: bigint("baseline_income", { mode: "bigint" }),
    targetIncome: bigint("target_income", { mode: "bigint" }),
    environmentalCare: text("environmental_care").notNull().default(""),
    /** Sum of the budget lines, kept by the server whenever lines change. */
    requestedAmount: bigint("requested_amount", { mode: "bigint" }).notNull().default(sql`0`),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    screening: jsonb("screening").$type<ScreeningCheck[]>(),
    /** The reason the group reads when it is found ineligible. */
    screeningNote: text("screening_note"),
    /** While a clarification is open, the only fields the group may edit. */
    reopenedFields: text("reopened_fields").array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One application per group per round, whatever the code does.
    unique("applications_one_per_group_round").on(t.roundId, t.groupId),
    index("applications_round_status_idx").on(t.roundId, t.status),
    index("applications_group_idx").on(t.groupId),
    check("applications_amounts_not_negative", sql`${t.requestedAmount} >= 0 and ${t.ownContributionCash} >= 0`),
    check("applications_incomes_not_negative", sql`coalesce(${t.baselineIncome}, 0) >= 0 and coalesce(${t.targetIncome}, 0) >= 0`),
    check("applications_women_within_members", sql`coalesce(${t.womenTakingPart}, 0) <= coalesce(${t.membersTakingPart}, 0)`),
  ],
);

export const budgetLines = pgTable(
  "budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    item: text("item").notNull(),
    quantity: integer("quantity").notNull(),
    unitCost: bigint("unit_cost", { mode: "bigint" }).notNull(),
    total: bigint("total", { mode: "bigint" })
      .notNull()
      .generatedAlwaysAs(sql`quantity::bigint * unit_cost`),
  },
  (t) => [
    index("budget_lines_application_idx").on(t.applicationId, t.position),
    check("budget_lines_positive", sql`${t.quantity} > 0 and ${t.unitCost} > 0`),
  ],
);

export const attachmentKindEnum = pgEnum("attachment_kind", ["photo", "quote", "letter", "other"]);

/** Files stored under server-made names by the storage module; only metadata lives here. */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    kind: attachmentKindEnum("kind").notNull(),
    originalName: text("original_name").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_application_idx").on(t.applicationId)],
);

/** A question from screening that reopens named fields until the group answers. */
export const clarifications = pgTable(
  "clarifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    fields: text("fields").array().notNull(),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    answer: text("answer"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [index("clarifications_application_idx").on(t.applicationId)],
);
