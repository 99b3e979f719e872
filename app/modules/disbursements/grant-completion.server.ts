import { and, eq, sql } from "drizzle-orm";
import { disbursements, moneyReturns } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { settleGrantCompletion } from "../grants/completion.server";

/**
 * After a payment changed (paid, reversed, or money came back), tells the grants module what has now reached the
 * group, in the same transaction (the grant's row is already locked there): the grant's status
 * follows its money, and only the grants module writes it.
 */
export async function settlePaidOfGrant(tx: DbOrTx, grantId: string): Promise<void> {
  await settleGrantCompletion(tx, grantId, await paidOfGrant(tx, grantId));
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
