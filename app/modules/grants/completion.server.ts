import { eq } from "drizzle-orm";
import { grants } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { applyTransition } from "../../kernel/transition.server";
import { grantMachine } from "./machine";

/**
 * Keeps a grant's status in step with its money, in the transaction that changed a payment:
 * `paid` is what has reached the group (the disbursements module sums it). Fully paid, an active
 * grant is completed; owed again after a reversal, a completed grant is active again. Both are the
 * system's transitions.
 */
export async function settleGrantCompletion(tx: DbOrTx, grantId: string, paid: bigint): Promise<void> {
  const [row] = await tx.select({ status: grants.status, awarded: grants.awardedAmount }).from(grants).where(eq(grants.id, grantId));
  if (!row) return;
  const fullyPaid = paid >= row.awarded;
  const to = row.status === "active" && fullyPaid ? "completed" : row.status === "completed" && !fullyPaid ? "active" : null;
  if (!to) return;
  await applyTransition(tx, grantMachine, {
    table: grants,
    id: grantId,
    to,
    actor: "system",
    as: ["system"],
    data: { paid: paid.toString(), awarded: row.awarded.toString() },
  });
}
