import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sending", "sent", "failed"]);

/**
 * How an outbox message travels. Only e-mail today; SMS and Zalo join this list as channels of
 * the notifications module, so no domain module changes when they arrive.
 */
export const outboxChannels = ["email"] as const;
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
    // An e-mail address for "email"; the channel decides its form.
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
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

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
