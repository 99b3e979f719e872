import { roundStatuses } from "./enums";
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

export const roundStatusEnum = pgEnum("round_status", roundStatuses);

/** A funding programme, e.g. "Women-led forest livelihoods 2027". Money in the currency's smallest unit. */
export const programmes = pgTable(
  "programmes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    donor: text("donor").notNull(),
    currency: text("currency").notNull().default("VND"),
    totalBudget: bigint("total_budget", { mode: "bigint" }).notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("programmes_budget_positive", sql`${t.totalBudget} > 0`)],
);

/**
 * What a tranche waits for before it can be paid: the signed agreement, a named outcome report,
 * or the spending report of a named period (issue 14: the group said what it did with the money).
 */
export interface TrancheTemplateItem {
  percent: number;
  waitsFor: "signing" | { report: string } | { spending: string };
}

/** An outcome report due a number of months after signing; `key` names it for the tranches. */
export interface ReportScheduleItem {
  key: string;
  months: number;
  labelVi: string;
  labelEn: string;
}

/** One call for proposals within a programme. */
export const rounds = pgTable(
  "rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en").notNull(),
    descriptionVi: text("description_vi").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    status: roundStatusEnum("status").notNull().default("draft"),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    eligibleProvinces: text("eligible_provinces").array().notNull(),
    eligibleActivities: text("eligible_activities").array().notNull(),
    minGrant: bigint("min_grant", { mode: "bigint" }).notNull(),
    maxGrant: bigint("max_grant", { mode: "bigint" }).notNull(),
    budget: bigint("budget", { mode: "bigint" }).notNull(),
    reviewersPerApplication: integer("reviewers_per_application").notNull().default(2),
    /** Scores further apart than this (points out of 100) are flagged on the scoreboard. */
    spreadThreshold: integer("spread_threshold").notNull().default(20),
    trancheTemplate: jsonb("tranche_template").$type<TrancheTemplateItem[]>().notNull(),
    reportSchedule: jsonb("report_schedule").$type<ReportScheduleItem[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rounds_programme_idx").on(t.programmeId),
    check("rounds_dates_in_order", sql`${t.opensAt} < ${t.closesAt}`),
    check("rounds_grant_limits", sql`0 < ${t.minGrant} and ${t.minGrant} <= ${t.maxGrant} and ${t.maxGrant} <= ${t.budget}`),
    check("rounds_reviewers", sql`${t.reviewersPerApplication} between 1 and 10`),
  ],
);

/** The scoring rubric of a round: each criterion scored 0..maxScore, weighted. */
export const rubricCriteria = pgTable(
  "rubric_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    labelVi: text("label_vi").notNull(),
    labelEn: text("label_en").notNull(),
    guidanceVi: text("guidance_vi").notNull().default(""),
    guidanceEn: text("guidance_en").notNull().default(""),
    weight: integer("weight").notNull(),
    maxScore: integer("max_score").notNull(),
  },
  (t) => [
    unique("rubric_criteria_round_position").on(t.roundId, t.position),
    check("rubric_weight_positive", sql`${t.weight} > 0`),
    check("rubric_max_positive", sql`${t.maxScore} > 0`),
  ],
);
