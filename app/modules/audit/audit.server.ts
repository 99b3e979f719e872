import { and, count, eq, gte, type SQL } from "drizzle-orm";
import { auditLog } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";

export interface AuditEntry {
  actorId?: string | null;
  /** The entity the actor acted for, e.g. "group:…" when a facilitator fills a form. */
  onBehalfOf?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one row. Call it with the transaction that makes the change it records. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: entry.ip ?? null,
    data: entry.data ?? null,
  });
}

/** How many rows of `action` about one entity, or from one address, since `since`. */
export async function countRecent(filter: {
  action: string;
  since: Date;
  entity?: { type: string; id: string };
  ip?: string;
}): Promise<number> {
  const conditions: SQL[] = [eq(auditLog.action, filter.action), gte(auditLog.at, filter.since)];
  if (filter.entity) {
    conditions.push(eq(auditLog.entityType, filter.entity.type), eq(auditLog.entityId, filter.entity.id));
  }
  if (filter.ip) conditions.push(eq(auditLog.ip, filter.ip));
  const [row] = await db.select({ n: count() }).from(auditLog).where(and(...conditions));
  return row?.n ?? 0;
}

export const AUDIT_PAGE_SIZE = 50;
