import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

/** The 34 provincial units in force since 1 July 2025 (reference data, migration 0003). */
export const provinces = pgTable("provinces", {
  slug: text("slug").primaryKey(),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind").notNull(),
  formerly: text("formerly").array().notNull(),
});

/** The 54 recognised ethnic groups (reference data, migration 0003). */
export const ethnicGroups = pgTable("ethnic_groups", {
  code: text("code").primaryKey(),
  nameVi: text("name_vi").notNull(),
  minority: integer("minority").notNull(),
});

export const groupKindEnum = pgEnum("group_kind", ["informal", "cooperative", "womens_union", "other"]);
export const genderEnum = pgEnum("gender", ["female", "male", "other"]);
export const consentMethodEnum = pgEnum("consent_method", ["signed", "oral_witnessed"]);

/** A women's group: the applicant. Bank account numbers are stored encrypted (AES-256-GCM). */
export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: groupKindEnum("kind").notNull(),
    provinceSlug: text("province_slug")
      .notNull()
      .references(() => provinces.slug),
    commune: text("commune").notNull(),
    village: text("village").notNull(),
    yearFormed: integer("year_formed").notNull(),
    leaderName: text("leader_name").notNull(),
    phone: text("phone").notNull(),
    bankName: text("bank_name"),
    bankAccountEnc: text("bank_account_enc"),
    bankAccountLast4: text("bank_account_last4"),
    /** The group's Stripe connected account (acct_…), set by finance. */
    stripeAccountId: text("stripe_account_id"),
    /** The applicant account of the group's leader, when she has one. */
    ownerId: uuid("owner_id").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("groups_owner_idx").on(t.ownerId),
    index("groups_province_idx").on(t.provinceSlug),
    check("groups_year_formed", sql`${t.yearFormed} between 1945 and 2100`),
  ],
);

/** Personal data of vulnerable people: shown only to the group, its facilitators and admins. */
export const groupMembers = pgTable(
  "group_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    gender: genderEnum("gender").notNull(),
    /** null means "prefer not to say". */
    ethnicityCode: text("ethnicity_code").references(() => ethnicGroups.code),
    birthYear: integer("birth_year").notNull(),
    role: text("role").notNull().default(""),
    consentGivenOn: date("consent_given_on").notNull(),
    consentMethod: consentMethodEnum("consent_method").notNull(),
    consentWitness: text("consent_witness"),
    consentRecordedBy: uuid("consent_recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("group_members_group_idx").on(t.groupId),
    // The impact dashboard's breakdown by ethnic group reads (group, ethnicity) pairs from this
    // index alone instead of every roster row (app/modules/impact/dashboard.server.ts).
    index("group_members_group_ethnicity_idx").on(t.groupId, t.ethnicityCode),
    check("group_members_birth_year", sql`${t.birthYear} between 1900 and 2100`),
    check("group_members_witness", sql`${t.consentMethod} <> 'oral_witnessed' or ${t.consentWitness} is not null`),
  ],
);

/** Which facilitators support which groups. */
export const groupFacilitators = pgTable(
  "group_facilitators",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_facilitators_user_idx").on(t.userId)],
);
