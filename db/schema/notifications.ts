import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * A message's life: waiting, claimed by a dispatcher, handed to the provider, then (SMS and Zalo,
 * from the provider's delivery receipt) delivered to the phone or not.
 */
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sending", "sent", "failed", "delivered", "undelivered"]);

/** How an outbox message travels: e-mail, SMS, or a Zalo notification (ZNS template). */
export const outboxChannels = ["email", "sms", "zalo"] as const;
export const outboxChannelEnum = pgEnum("outbox_channel", outboxChannels);

/**
 * Messages waiting to go out (e-mails today). A row is written in the same transaction as the change that causes
 * it, so a message exists if and only if its change committed; the dispatcher sends it later.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: outboxChannelEnum("channel").notNull().default("email"),
    template: text("template").notNull(),
    // An e-mail address for "email"; a phone as 84xxxxxxxxx for "sms" and "zalo".
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    // A one-time link's token (invitation, password reset), encrypted. The html and text above
    // hold a placeholder instead, so an admin reading the outbox never sees a live link; the
    // dispatcher puts the token in only as it sends, then forgets it.
    secretEnc: text("secret_enc"),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // One-time codes go at any hour; other phone messages wait out the night (21:00–07:00).
    urgent: boolean("urgent").notNull().default(false),
    // A Zalo template's parameters (ZNS fills the approved template with them).
    params: jsonb("params").$type<Record<string, string>>(),
    // What an SMS costs: the provider bills per segment (160 GSM-7 or 70 UCS-2 characters).
    segments: integer("segments"),
    // The provider's id for the message, which its delivery receipts name.
    providerRef: text("provider_ref"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    // A Zalo message's SMS form, sent instead should Zalo refuse it (not a Zalo user, template
    // refused, provider down).
    fallbackText: text("fallback_text"),
    // The SMS that carries a Zalo message's notice after Zalo refused it.
    fallbackOf: uuid("fallback_of"),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_provider_ref_idx").on(t.channel, t.providerRef),
    // One fallback per refused Zalo message, whichever dispatcher gets there.
    uniqueIndex("outbox_fallback_idx").on(t.fallbackOf),
  ],
);

/** How a person hears on the phone: Zalo (SMS when Zalo cannot reach her), SMS only, or not. */
export const phoneChannels = ["zalo", "sms", "none"] as const;
export const phoneChannelEnum = pgEnum("phone_channel", phoneChannels);

/**
 * Each person's choice of channels. No row means the defaults: e-mail when there is an address,
 * nothing by phone. Phone notices need her agreement (`phoneAgreedAt`); choosing "none" keeps the
 * date of the agreement she withdrew in the audit log, not here.
 */
export const contactPreferences = pgTable("contact_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  phoneChannel: phoneChannelEnum("phone_channel").notNull().default("none"),
  email: boolean("email").notNull().default(true),
  phoneAgreedAt: timestamp("phone_agreed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** In-app notices: what a person must act on, shown on their home page. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // A message catalogue key; params fill its placeholders in the reader's language.
    messageKey: text("message_key").notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
