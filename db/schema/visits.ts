import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { users } from "./auth";
import { followUpStatuses, noteSubjects } from "./enums";
import { grants } from "./grants";

// What staff and facilitators see on the ground, and what staff keep to themselves (issue 14,
// item 7). Visits and their follow-ups belong to a grant; notes to an application or a grant and
// are read only by staff (DECISIONS 55).

/** A visit to a grant's group: when, who went, what they found. */
export const siteVisits = pgTable(
  "site_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    visitedOn: date("visited_on").notNull(),
    /** Who went, as typed (staff, facilitators, a commune officer who came along). */
    visitors: text("visitors").notNull(),
    findings: text("findings").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("site_visits_grant_idx").on(t.grantId, t.visitedOn)],
);

/** A photo taken on a visit, re-encoded on upload like every image (stored in stored_files). */
export const siteVisitPhotos = pgTable(
  "site_visit_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => siteVisits.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull().unique(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [index("site_visit_photos_visit_idx").on(t.visitId)],
);

export const followUpStatusEnum = pgEnum("follow_up_status", followUpStatuses);

/** Something a visit found to be done, by whom and by when. */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => siteVisits.id),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    action: text("action").notNull(),
    dueOn: date("due_on").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    status: followUpStatusEnum("status").notNull().default("open"),
    doneBy: uuid("done_by").references(() => users.id),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("follow_ups_owner_idx").on(t.ownerId, t.status, t.dueOn),
    index("follow_ups_grant_idx").on(t.grantId),
    // Done says by whom and when; open says neither.
    check("follow_ups_done_by_whom", sql`(${t.status} = 'done') = (${t.doneBy} is not null and ${t.doneAt} is not null)`),
  ],
);

export const noteSubjectEnum = pgEnum("note_subject", noteSubjects);

/**
 * A staff member's note on an application or a grant, never shown to the group, its facilitators
 * or reviewers. Notes are kept as written (no edit, no delete except by erasure), so a note is
 * evidence of what was known when.
 */
export const internalNotes = pgTable(
  "internal_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subject: noteSubjectEnum("subject").notNull(),
    applicationId: uuid("application_id").references(() => applications.id),
    grantId: uuid("grant_id").references(() => grants.id),
    body: text("body").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("internal_notes_application_idx").on(t.applicationId),
    index("internal_notes_grant_idx").on(t.grantId),
    check(
      "internal_notes_one_subject",
      sql`(${t.subject} = 'application' and ${t.applicationId} is not null and ${t.grantId} is null) or (${t.subject} = 'grant' and ${t.grantId} is not null and ${t.applicationId} is null)`,
    ),
  ],
);
