import { and, asc, eq, exists, inArray, isNotNull, not, sql, type SQL } from "drizzle-orm";
import { grants, tranches } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { payableGrantStatuses } from "./tranche-status";

/**
 * The "due" rule as a SQL predicate over the `tranches` table, usable in any query that reads
 * tranches (no join needed): the condition is met, the award's conditions do not hold it, and the
 * grant has been accepted. Same rule as
 * `isTrancheDue` in tranche-status.ts. Whether money is still owed on it is the caller's sum of
 * its live disbursements.
 */
export function trancheIsDue(): SQL {
  return and(
    isNotNull(tranches.conditionMetAt),
    not(tranches.heldByConditions),
    exists(
      db
        .select({ one: sql`1` })
        .from(grants)
        .where(and(eq(grants.id, tranches.grantId), inArray(grants.status, [...payableGrantStatuses]))),
    ),
  )!;
}

/** The due tranches of one grant (or of every grant), in order. */
export async function dueTranches(grantId?: string, tx: DbOrTx = db) {
  return tx
    .select({
      id: tranches.id,
      grantId: tranches.grantId,
      position: tranches.position,
      amount: tranches.amount,
      waitsFor: tranches.waitsFor,
      conditionMetAt: tranches.conditionMetAt,
    })
    .from(tranches)
    .where(and(trancheIsDue(), grantId ? eq(tranches.grantId, grantId) : undefined))
    .orderBy(asc(tranches.grantId), asc(tranches.position));
}
