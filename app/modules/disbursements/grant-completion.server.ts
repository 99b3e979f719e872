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
  await settleGrantCompletion(tx, grantId, await paidOfGrant(tx, grantId));
}

/** What has reached the group: its disbursements paid and not reversed. */
export async function paidOfGrant(tx: DbOrTx, grantId: string): Promise<bigint> {
  const [{ paid }] = await tx
    .select({ paid: sql<string>`coalesce(sum(${disbursements.amount}), 0)::text` })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), eq(disbursements.status, "paid")));
  return BigInt(paid);
}
