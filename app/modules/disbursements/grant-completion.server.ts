import { and, eq, sql } from "drizzle-orm";
import { disbursements, moneyReturns } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { closeGrantIfDone } from "../grants/completion.server";

/**
 * After a payment changed (paid, reversed, or money came back), asks the grants module whether
 * the grant is now closed (or, after a reversal, open again), in the same transaction (the
 * grant's row is already locked there). A last payment alone no longer completes a grant: its
 * final reports must be approved and its money settled (issue 14, item 6).
 */
export async function settlePaidOfGrant(tx: DbOrTx, grantId: string): Promise<void> {
  await closeGrantIfDone(tx, grantId);
}

/** What has stayed with the group: its disbursements paid and not reversed, less approved money returns. */
export async function paidOfGrant(tx: DbOrTx, grantId: string): Promise<bigint> {
  const [{ paid }] = await tx
    .select({
      paid: sql<string>`(coalesce(sum(${disbursements.amount}), 0) - (select coalesce(sum(${moneyReturns.amount}), 0) from ${moneyReturns}
        where ${moneyReturns.grantId} = ${grantId} and ${moneyReturns.status} = 'approved'))::text`,
    })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), eq(disbursements.status, "paid")));
  return BigInt(paid);
}
