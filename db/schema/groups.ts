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
    /** The name the bank holds the account under, which finance checks before a transfer. */
    bankAccountHolder: text("bank_account_holder"),
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
    /** null once her data is erased (app/modules/privacy/erasure.server.ts). */
    birthYear: integer("birth_year"),
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

/** The accounts that act as a group: its leader and, when it wants, a treasurer or another leader. */
export const groupAccountRoleEnum = pgEnum("group_account_role", ["leader", "treasurer"]);

/**
 * Who holds a group's account. `groups.owner_id` stays the leader who registered it (or the first
 * leader it was handed to); every holder, that one included, has a row here.
 */
export const groupAccounts = pgTable(
  "group_accounts",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: groupAccountRoleEnum("role").notNull(),
    addedBy: uuid("added_by").references(() => users.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_accounts_user_idx").on(t.userId)],
);

/**
 * A facilitator hands a group she registered to its leader: a code goes to the leader's phone, and
 * the leader, signed in with that phone, types it to become one of the group's account holders.
 */
export const groupHandovers = pgTable(
  "group_handovers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    role: groupAccountRoleEnum("role").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    invitedBy: uuid("invited_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedUserId: uuid("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("group_handovers_phone_idx").on(t.phone)],
);
