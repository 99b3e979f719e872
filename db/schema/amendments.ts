import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { changeRequestStatuses, grantVersionStatuses } from "./amendment-states";
import { users } from "./auth";
import { grants } from "./grants";

export const grantVersionStatusEnum = pgEnum("grant_version_status", grantVersionStatuses);
export const changeRequestStatusEnum = pgEnum("change_request_status", changeRequestStatuses);

/** One tranche of a version's plan: an existing tranche kept or resized (its id), or a new one (null). */
export interface PlannedTranche {
  trancheId: string | null;
  /** Whole đồng, as a decimal string (JSON has no bigint). */
  amount: string;
  /** "signing" or "report:<key>", as tranches.waits_for. */
  waitsFor: string;
}

/** When one of the grant's outcome reports falls due: months after the agreement was accepted. */
export interface PlannedReport {
  key: string;
  months: number;
}

/** A group's request for a change (a late report because of floods), which staff answer. */
export const grantChangeRequests = pgTable(
  "grant_change_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    status: changeRequestStatusEnum("status").notNull().default("open"),
    reason: text("reason").notNull(),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** Why staff declined it: the group reads it. */
    answer: text("answer"),
  },
  (t) => [index("grant_change_requests_grant_idx").on(t.grantId)],
);

/**
 * Every version of a grant's agreement, with its full terms (issue 14, item 1). Only on the group's
 * acceptance do the grant's award, conditions, tranches and report dates take a version's terms;
 * the version in force is the accepted one with the highest number.
 */
export const grantVersions = pgTable(
  "grant_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    version: integer("version").notNull(),
    status: grantVersionStatusEnum("status").notNull().default("proposed"),
    /** Why the agreement changes (empty for version 1). */
    reason: text("reason").notNull().default(""),
    awardedAmount: bigint("awarded_amount", { mode: "bigint" }).notNull(),
    conditions: text("conditions").notNull().default(""),
    /** The grant's end date after a no-cost extension; null when the agreement names none. */
    endsOn: date("ends_on"),
    tranchePlan: jsonb("tranche_plan").$type<PlannedTranche[]>().notNull(),
    reportPlan: jsonb("report_plan").$type<PlannedReport[]>().notNull(),
    /** The group's request this amendment answers, if any. */
    changeRequestId: uuid("change_request_id").references(() => grantChangeRequests.id),
    /** Null for version 1, the agreement the group accepted at the start. */
    proposedBy: uuid("proposed_by").references(() => users.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** How the group consented when its facilitator accepted on its behalf (as grants.acceptance_consent). */
    acceptanceConsent: text("acceptance_consent"),
    /** Who declined or withdrew it, when and why. */
    closedBy: uuid("closed_by").references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closeReason: text("close_reason"),
  },
  (t) => [
    unique("grant_versions_grant_version").on(t.grantId, t.version),
    // One amendment at a time: a second would be written against terms the first may change.
    uniqueIndex("grant_versions_one_open").on(t.grantId).where(sql`${t.status} in ('proposed', 'approved')`),
    check("grant_versions_award_positive", sql`${t.awardedAmount} > 0`),
    check("grant_versions_number", sql`${t.version} >= 1`),
    // Two people: whoever proposes an amendment cannot approve it, as for a disbursement.
    check("grant_versions_two_people", sql`${t.approvedBy} is null or ${t.proposedBy} is null or ${t.approvedBy} <> ${t.proposedBy}`),
  ],
);
