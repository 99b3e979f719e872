import { and, eq, sql } from "drizzle-orm";
import { disbursements } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { settleGrantCompletion } from "../grants/completion.server";

/**
 * After a payment changed (paid, or reversed), tells the grants module what has now reached the
 * group, in the same transaction (the grant's row is already locked there): the grant's status
 * follows its money, and only the grants module writes it.
 */
export async function settlePaidOfGrant(tx: DbOrTx, grantId: string): Promise<void> {
  const [{ paid }] = await tx
    .select({ paid: sql<string>`coalesce(sum(${disbursements.amount}), 0)::text` })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), eq(disbursements.status, "paid")));
  await settleGrantCompletion(tx, grantId, BigInt(paid));
}
