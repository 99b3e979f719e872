import { and, eq, sql } from "drizzle-orm";
import { disbursements, grants } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { recordTransition } from "../audit/transitions.server";
import { grantTransitions } from "../grants/transitions";

/**
 * Keeps a grant's status in step with its money, in the transaction that changed a payment (the
 * grant's row is already locked there): fully paid, an active grant is completed; owed again after
 * a reversal, a completed grant is active again. Both are the system's transitions.
 */
export async function settleGrantCompletion(tx: DbOrTx, grantId: string): Promise<void> {
  const [row] = await tx.select({ status: grants.status, awarded: grants.awardedAmount }).from(grants).where(eq(grants.id, grantId));
  if (!row) return;
  const [{ paid }] = await tx
    .select({ paid: sql<string>`coalesce(sum(${disbursements.amount}), 0)::text` })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), eq(disbursements.status, "paid")));
  const fullyPaid = BigInt(paid) >= row.awarded;
  const to = row.status === "active" && fullyPaid ? "completed" : row.status === "completed" && !fullyPaid ? "active" : null;
  if (!to) return;
  await recordTransition(tx, grantTransitions, {
    entityType: "grant",
    entityId: grantId,
    from: row.status,
    to,
    actor: { id: null, as: ["system"] },
    data: { paid, awarded: row.awarded.toString() },
  });
  await tx.update(grants).set({ status: to }).where(eq(grants.id, grantId));
}
