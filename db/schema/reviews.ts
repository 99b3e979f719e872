import { reviewStatuses } from "./enums";
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { users } from "./auth";
import { groups } from "./groups";
import { rubricCriteria } from "./programmes";

/**
 * A reviewer's work on one application: assigned → (conflict | in_progress) → submitted. The
 * admin may reopen a submitted review (back to in_progress), audited.
 */
export const reviewStatusEnum = pgEnum("review_status", reviewStatuses);
export const recommendationEnum = pgEnum("recommendation", ["fund", "fund_with_conditions", "do_not_fund"]);

export const reviewAssignments = pgTable(
  "review_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    status: reviewStatusEnum("status").notNull().default("assigned"),
    assignedBy: uuid("assigned_by").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** When the reviewer declared that she has no conflict with the group. */
    noConflictAt: timestamp("no_conflict_at", { withTimezone: true }),
    conflictReason: text("conflict_reason"),
    recommendation: recommendationEnum("recommendation"),
    overallComment: text("overall_comment").notNull().default(""),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    unique("review_assignments_one_per_reviewer").on(t.applicationId, t.reviewerId),
    index("review_assignments_reviewer_idx").on(t.reviewerId, t.status),
    check("review_conflict_has_reason", sql`${t.status} <> 'conflict' or ${t.conflictReason} is not null`),
    check("review_submitted_complete", sql`${t.status} <> 'submitted' or (${t.recommendation} is not null and ${t.submittedAt} is not null)`),
  ],
);

export const reviewScores = pgTable(
  "review_scores",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => reviewAssignments.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => rubricCriteria.id),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.criterionId] }), check("review_scores_not_negative", sql`${t.score} >= 0`)],
);

/**
 * An application's standing from its submitted reviews, so that the scoreboard reads one narrow
 * row per application instead of aggregating every score of the round on each request. Rewritten
 * in the same transaction as whatever changes it (a review submitted or reopened, the rubric
 * edited) by refreshApplicationScores (app/modules/reviews/application-scores.server.ts). No row:
 * no submitted review yet.
 */
export const applicationScores = pgTable("application_scores", {
  applicationId: uuid("application_id")
    .primaryKey()
    .references(() => applications.id, { onDelete: "cascade" }),
  /** Mean of the reviews' weighted scores normalised to 100, to 6 places (float noise removed). */
  score: numeric("score").notNull(),
  /** Highest minus lowest review score, to 6 places. */
  spread: numeric("spread").notNull(),
  reviewsDone: integer("reviews_done").notNull(),
  /** Mean raw score per criterion, to 2 places, keyed by the criterion's position. */
  criterionMeans: jsonb("criterion_means").$type<Record<string, number>>().notNull(),
});

/** A reviewer's declared conflict with a group: she is never assigned its applications again. */
export const reviewerConflicts = pgTable(
  "reviewer_conflicts",
  {
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    declaredAt: timestamp("declared_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reviewerId, t.groupId] })],
);
