import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Append-only record of every change of state, log-in and sensitive read.
 * A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE on this table.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    // "by facilitator X on behalf of group Y": the entity the actor acted for.
    onBehalfOf: text("on_behalf_of"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    ip: text("ip"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);
