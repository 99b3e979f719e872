import { and, eq, inArray } from "drizzle-orm";
import { disbursements } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse } from "../../kernel/command.server";
import { applyTransition } from "../../kernel/transition.server";
import { paidOfGrant } from "./grant-completion.server";
import { disbursementMachine } from "./machine";

/**
 * A grant terminated (issue 14): in the grants module's transaction, with the grant's row already
 * locked (the order of every disbursement command), cancels its disbursements not yet paid and
 * answers what has reached the group. One in Stripe's hands may still arrive: the termination
 * waits for its result rather than guess. The cancellations are the system's transitions, caused
 * by the admin, who is kept in the audit rows.
 */
export async function stopMoneyOfGrant(tx: DbOrTx, grantId: string, actor: Actor, reason: string): Promise<{ paid: bigint }> {
  const open = await tx
    .select({ id: disbursements.id, status: disbursements.status })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), inArray(disbursements.status, ["prepared", "approved", "processing"])))
    .orderBy(disbursements.id)
    .for("update");
  if (open.some((d) => d.status === "processing")) refuse(409, { "": "grants.terminate.processing" });
  for (const row of open) {
    await applyTransition(tx, disbursementMachine, {
      table: disbursements,
      id: row.id,
      to: "cancelled",
      actor,
      as: ["system"],
      set: { updatedAt: new Date() },
      data: { reason, grantTerminated: true },
    });
  }
  return { paid: await paidOfGrant(tx, grantId) };
}
