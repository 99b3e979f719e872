import { eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../infra/db.server";
import { writeAudit } from "../modules/audit/audit.server";
import { tell, type Notice } from "../modules/notifications/notifications.server";
import type { Actor } from "./actor";
import { refuseAll } from "./command.server";
import { assertTransition, type Machine, type Party } from "./machine";

/** A table whose rows have a uuid `id` and a `status` column (the module that owns it passes it). */
export type StatusTable = PgTable & { id: AnyPgColumn; status: AnyPgColumn };

export interface StatusChange<S extends string> {
  table: StatusTable;
  id: string;
  to: S;
  /** Who acts, or "system" for a job or a provider's callback. */
  actor: Actor | "system";
  /** The parties the actor acts as here (`partiesOf(user, { owner })`, or ["system"]). */
  as: readonly Party[];
  /** Other columns of the same row that change with the status (who decided, when…). */
  set?: Record<string, unknown>;
  /** What the audit row keeps besides from and to. */
  data?: Record<string, unknown>;
  /** The notices this change causes, sent to their audiences in the same transaction. */
  notices?: readonly Notice[];
  /** Catalogue key when the row does not exist (a 404). */
  notFound?: string;
}

/**
 * Applies one state change inside the caller's transaction: locks the row, checks the
 * transition against the machine (who may, from which state), updates the row, writes the
 * audit row and sends the notices the change causes. A change not in the table throws
 * `TransitionRefused`, which `run` answers with a 409 in the user's language. Returns the state
 * the row was in.
 */
export async function applyTransition<S extends string>(tx: DbOrTx, machine: Machine<S>, change: StatusChange<S>): Promise<{ from: S }> {
  const table = change.table;
  const [row] = (await tx
    .select({ status: table.status })
    .from(table as PgTable)
    .where(eq(table.id, change.id))
    .for("update")) as { status: S }[];
  if (!row) refuseAll(404, change.notFound ?? "error.404.title");
  const from = row.status;
  assertTransition(machine, from, change.to, change.as);
  await tx
    .update(table)
    .set({ ...change.set, status: change.to } as never)
    .where(eq(table.id, change.id));
  await recordTransition(tx, machine, { entityId: change.id, from, to: change.to, actor: change.actor, as: change.as, data: change.data });
  for (const notice of change.notices ?? []) await tell(tx, notice);
  return { from };
}

/**
 * Checks a transition and writes its audit row without touching the row: for the demo and scale
 * seeders, which insert rows in their final state and write the history that led there. Every
 * command changes state with `applyTransition`, which calls this.
 */
export async function recordTransition<S extends string>(
  tx: DbOrTx,
  machine: Machine<S>,
  change: { entityId: string; from: S; to: S; actor: Actor | "system" | { id: string; onBehalfOf?: string | null }; as: readonly Party[]; data?: Record<string, unknown> },
): Promise<void> {
  assertTransition(machine, change.from, change.to, change.as);
  const actor = change.actor === "system" ? null : "user" in change.actor ? { id: change.actor.user.id, onBehalfOf: change.actor.onBehalfOf, ip: change.actor.ip } : { ...change.actor, ip: null };
  await writeAudit(tx, {
    actorId: actor?.id ?? null,
    onBehalfOf: actor?.onBehalfOf ?? null,
    action: `${machine.entity}.${change.to}`,
    entityType: machine.entity,
    entityId: change.entityId,
    ip: actor?.ip ?? null,
    data: { from: change.from, to: change.to, ...change.data },
  });
}
