import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Attempt counters of the rate limits (app/infra/rate-limit.server.ts): one row per key (what is
 * limited and for whom, e.g. "login:account+ip:…"), counting hits in a fixed window. Written by
 * one atomic upsert per attempt, so parallel attempts each get their own count, on every server.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
});
