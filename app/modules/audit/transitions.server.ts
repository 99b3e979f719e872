import type { roles } from "../../../db/schema/enums";
import type { DbOrTx } from "../../infra/db.server";
import { writeAudit } from "./audit.server";

// Deprecated (issue 11): every status change goes through applyTransition (app/kernel). This file
// stays only while the decisions, grants, disbursements and outcomes modules and the demo seeds
// still call it; delete it when nothing imports it. The roles come from the enum list, not from
// the auth module, so that audit, below auth in the module chain, imports nothing above it.
type Role = (typeof roles)[number];

/** One allowed change of a status field: from which state, to which, by whom. */
export interface Transition<S extends string> {
  from: S;
  to: S;
  /** Roles that may apply it; "owner" means the group's own people (leader, her facilitators). */
  by: readonly (Role | "owner" | "system")[];
}

export class TransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`transition ${from} → ${to} is not allowed`);
  }
}

/** Finds the transition, or throws: a state change not in the table never happens. */
export function assertTransition<S extends string>(
  table: readonly Transition<S>[],
  from: S,
  to: S,
  actor: readonly (Role | "owner" | "system")[],
): Transition<S> {
  const found = table.find((t) => t.from === from && t.to === to && t.by.some((b) => actor.includes(b)));
  if (!found) throw new TransitionError(from, to);
  return found;
}

/**
 * Checks a transition and writes its audit row, in the caller's transaction; the caller updates
 * the row itself (it knows its table) in the same transaction, after locking it.
 */
export async function recordTransition<S extends string>(
  tx: DbOrTx,
  table: readonly Transition<S>[],
  change: {
    entityType: string;
    entityId: string;
    from: S;
    to: S;
    actor: { id: string | null; as: readonly (Role | "owner" | "system")[]; onBehalfOf?: string | null; ip?: string };
    data?: Record<string, unknown>;
  },
): Promise<void> {
  assertTransition(table, change.from, change.to, change.actor.as);
  await writeAudit(tx, {
    actorId: change.actor.id,
    onBehalfOf: change.actor.onBehalfOf,
    action: `${change.entityType}.${change.to}`,
    entityType: change.entityType,
    entityId: change.entityId,
    ip: change.actor.ip,
    data: { from: change.from, to: change.to, ...change.data },
  });
}
