import { asc, desc, eq, inArray } from "drizzle-orm";
import { breaches, breachUpdates, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, refuseAll, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { vnMoment, type BreachInput, type BreachUpdateInput, type BreachUpdateKind } from "./register.schema";

// The breach log (issue 15, item 6). Decree 356/2025 gives the controller 72 hours from detection
// to notify the authority (A05, Ministry of Public Security). A breach as recorded never changes
// and its updates are appended (the database refuses anything else); the deadline is computed
// from detection, never stored, so it cannot be edited away. The audit row names no one: the
// summary may, and it stays in the breach log, which only admins read.

/** Hours from detection to the authority's notification. */
export const NOTIFY_WITHIN_HOURS = 72;

function requireAdmin(actor: Actor) {
  if (!actor.user.roles.includes("admin")) refuseAll(403, "privacy.errors.adminOnly");
}

export interface BreachState {
  deadline: Date;
  /** When the authority was told, if it was. */
  notifiedAt: Date | null;
  closed: boolean;
  /** Milliseconds left before the deadline (negative: overdue); null once notified. */
  left: number | null;
}

export function breachState(detectedAt: Date, updates: { kind: BreachUpdateKind; at: Date }[], now = new Date()): BreachState {
  const deadline = new Date(detectedAt.getTime() + NOTIFY_WITHIN_HOURS * 3600_000);
  const notified = updates.find((u) => u.kind === "authority_notified");
  return {
    deadline,
    notifiedAt: notified?.at ?? null,
    closed: updates.some((u) => u.kind === "closed"),
    left: notified ? null : deadline.getTime() - now.getTime(),
  };
}

export async function listBreaches(now = new Date()) {
  const rows = await db.select().from(breaches).orderBy(desc(breaches.detectedAt));
  const updates = rows.length
    ? await db.select({ breachId: breachUpdates.breachId, kind: breachUpdates.kind, at: breachUpdates.at }).from(breachUpdates).where(inArray(breachUpdates.breachId, rows.map((r) => r.id))).orderBy(asc(breachUpdates.at), asc(breachUpdates.id))
    : [];
  return rows.map((r) => ({ ...r, ...breachState(r.detectedAt, updates.filter((u) => u.breachId === r.id), now) }));
}

export async function loadBreach(id: string, now = new Date()) {
  const [breach] = await db.select().from(breaches).where(eq(breaches.id, id));
  if (!breach) throw new Response("Not found", { status: 404 });
  const updates = await db
    .select({ id: breachUpdates.id, kind: breachUpdates.kind, text: breachUpdates.text, at: breachUpdates.at, by: users.name })
    .from(breachUpdates)
    .leftJoin(users, eq(users.id, breachUpdates.by))
    .where(eq(breachUpdates.breachId, id))
    .orderBy(asc(breachUpdates.at), asc(breachUpdates.id));
  const [recorder] = breach.recordedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, breach.recordedBy)) : [];
  return { ...breach, recorder: recorder?.name ?? null, updates, ...breachState(breach.detectedAt, updates, now) };
}

export async function recordBreach(actor: Actor, input: BreachInput, now = new Date()): Promise<CommandResult<{ id: string }>> {
  return run(async (tx) => {
    requireAdmin(actor);
    const detectedAt = vnMoment(input.detectedAt);
    // A breach found in the future is a typing slip; a minute's grace for clocks.
    if (detectedAt.getTime() > now.getTime() + 60_000) refuse(400, { detectedAt: "privacyRegister.breach.detectedInFuture" });
    const [row] = await tx.insert(breaches).values({ summary: input.summary, detectedAt, recordedBy: actor.user.id }).returning({ id: breaches.id });
    await writeAudit(tx, { actorId: actor.user.id, action: "privacy.breach_recorded", entityType: "breach", entityId: row.id, ip: actor.ip, data: { detectedAt: detectedAt.toISOString() } });
    return { id: row.id };
  });
}

export async function addBreachUpdate(actor: Actor, breachId: string, input: BreachUpdateInput): Promise<CommandResult<{ added: true }>> {
  return run(async (tx) => {
    requireAdmin(actor);
    const [breach] = await tx.select({ id: breaches.id }).from(breaches).where(eq(breaches.id, breachId)).for("update");
    if (!breach) refuseAll(404, "privacy.errors.notFound");
    const earlier = await tx.select({ kind: breachUpdates.kind }).from(breachUpdates).where(eq(breachUpdates.breachId, breachId));
    // Told once, closed once: a second "notified" would move the record of when it was told.
    if (input.kind !== "note" && input.kind !== "action" && earlier.some((u) => u.kind === input.kind)) refuseAll(409, "privacyRegister.breach.alreadyRecorded");
    if (earlier.some((u) => u.kind === "closed")) refuseAll(409, "privacyRegister.breach.closedAlready");
    await tx.insert(breachUpdates).values({ breachId, kind: input.kind, text: input.text, by: actor.user.id });
    await writeAudit(tx, { actorId: actor.user.id, action: "privacy.breach_updated", entityType: "breach", entityId: breachId, ip: actor.ip, data: { kind: input.kind } });
    return { added: true as const };
  });
}
