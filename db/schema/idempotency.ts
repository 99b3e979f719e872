import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Answers already given to a submitted form, by the idempotency key the form carried
 * (app/kernel/idempotency.server.ts, DECISIONS.md 54). Written by the command kernel in the same
 * transaction as the command's own writes, so a key is recorded exactly when its write happened:
 * a replay (the service worker's retry, a second tab, a double tap) reads the first answer and
 * writes nothing. `seq` counts the commands of one request (an action may run more than one).
 * Rows expire: the job runner deletes them after `expires_at`.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: text("key").notNull(),
    seq: integer("seq").notNull(),
    /** Who posted it (null on a public form); another person's replay of the key is refused. */
    userId: uuid("user_id"),
    /** SHA-256 of the posted fields in order (files by their bytes), without the key itself. */
    requestHash: text("request_hash").notNull(),
    /** The command's answer, bigints and dates tagged (kernel/idempotency.server.ts). */
    result: jsonb("result").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.seq] }), index("idempotency_keys_expires_idx").on(t.expiresAt)],
);
