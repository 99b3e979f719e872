import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { consentPurposes } from "./enums";

// The consent ledger (issue 15): consent is an event, never a flag that is overwritten, and a
// person's data can be restricted (kept, not used). Written by modules/consents only; every module
// that processes personal data asks it.

/** Whose consent: a roster member, a group's leader (with or without an account), an account holder. */
export const consentSubjectEnum = pgEnum("consent_subject", ["member", "leader", "user"]);

/** What the person agrees to, one purpose at a time (silence is not consent). */
export const consentPurposeEnum = pgEnum("consent_purpose", consentPurposes);

/** How she said it: on paper (its scan is kept), aloud before a witness, or herself on Gieo. */
export const consentWayEnum = pgEnum("consent_way", ["signed", "oral_witnessed", "online"]);

/**
 * The consent ledger: append-only (a trigger in migration 0026 refuses UPDATE and DELETE). The
 * subject is an id without a foreign key on purpose: a ledger row must outlive the roster row it
 * speaks of (removing or erasing a member cannot delete her history of consent).
 */
export const consentEvents = pgTable(
  "consent_events",
  {
    /** Ties of `at` are broken by insertion order: the latest event is the one in force. */
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    subjectKind: consentSubjectEnum("subject_kind").notNull(),
    subjectId: uuid("subject_id").notNull(),
    /** The group the member or leader belongs to, so that its pages read its ledger. */
    groupId: uuid("group_id"),
    purpose: consentPurposeEnum("purpose").notNull(),
    given: boolean("given").notNull(),
    way: consentWayEnum("way").notNull(),
    witness: text("witness"),
    /** The scan of the signed paper in stored_files. */
    scanKey: text("scan_key"),
    /** The day she said it, which may be before it was typed in. */
    saidOn: date("said_on").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    onBehalfOf: text("on_behalf_of"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("consent_events_subject_idx").on(t.subjectKind, t.subjectId, t.purpose, t.seq),
    index("consent_events_group_idx").on(t.groupId),
    check("consent_events_witness", sql`${t.way} <> 'oral_witnessed' or ${t.witness} is not null`),
  ],
);

/**
 * A person's data kept but not used (a restriction she asked for, or while a complaint is looked
 * into): the ledger answers "no consent" for every purpose while it lasts.
 */
export const dataRestrictions = pgTable(
  "data_restrictions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectKind: consentSubjectEnum("subject_kind").notNull(),
    subjectId: uuid("subject_id").notNull(),
    groupId: uuid("group_id"),
    restrictedBy: uuid("restricted_by").references(() => users.id),
    restrictedAt: timestamp("restricted_at", { withTimezone: true }).notNull().defaultNow(),
    liftedBy: uuid("lifted_by").references(() => users.id),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
  },
  (t) => [index("data_restrictions_subject_idx").on(t.subjectKind, t.subjectId)],
);
