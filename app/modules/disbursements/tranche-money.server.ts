import { and, eq, notInArray, sql } from "drizzle-orm";
import { disbursements, moneyReturns } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";

/**
 * Per tranche of a grant, the money in motion or out: live disbursements (prepared to paid) less
 * their approved returns. An amendment (issue 14) leaves such a tranche as it is; the database
 * has the last word (tranches_cover_disbursements, grants_award_covers_disbursements).
 */
export async function moneyInTranches(tx: DbOrTx, grantId: string): Promise<Map<string, bigint>> {
  const rows = await tx
    .select({
      trancheId: disbursements.trancheId,
      live: sql<string>`coalesce(sum(${disbursements.amount}), 0)
        - coalesce(sum((select coalesce(sum(${moneyReturns.amount}), 0) from ${moneyReturns}
            where ${moneyReturns.disbursementId} = ${disbursements.id} and ${moneyReturns.status} = 'approved')), 0)`,
    })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), notInArray(disbursements.status, ["failed", "cancelled", "reversed"])))
    .groupBy(disbursements.trancheId);
  return new Map(rows.map((r) => [r.trancheId, BigInt(r.live)]));
}

/** The grant's money out or on its way: live disbursements less approved returns (what an award cannot go below). */
export async function liveMoneyOfGrant(tx: DbOrTx, grantId: string): Promise<bigint> {
  const [row] = await tx
    .select({
      net: sql<string>`coalesce(sum(${disbursements.amount}) filter (where ${disbursements.status} not in ('failed', 'cancelled', 'reversed')), 0)
        - (select coalesce(sum(${moneyReturns.amount}), 0) from ${moneyReturns} where ${moneyReturns.grantId} = ${grantId} and ${moneyReturns.status} = 'approved')`,
    })
    .from(disbursements)
    .where(eq(disbursements.grantId, grantId));
  return BigInt(row?.net ?? "0");
}
