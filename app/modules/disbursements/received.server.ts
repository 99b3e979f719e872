import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { disbursements, moneyReturns } from "../../../db/schema";
import { db } from "../../infra/db.server";

const receivedColumns = {
  id: disbursements.id,
  trancheId: disbursements.trancheId,
  amount: disbursements.amount,
  method: disbursements.method,
  status: disbursements.status,
  paidAt: disbursements.paidAt,
  paidOn: disbursements.paidOn,
};

/**
 * What the group sees of its money: each payment that reached it (or came back), by tranche, and
 * each approved return of one (issue 14) as a row of status "returned", which the schedule nets.
 */
export async function paymentsOfGrant(grantId: string) {
  const [paid, returned] = await Promise.all([
    db
      .select(receivedColumns)
      .from(disbursements)
      .where(and(eq(disbursements.grantId, grantId), inArray(disbursements.status, ["paid", "reversed"])))
      .orderBy(asc(disbursements.paidAt)),
    db
      .select({
        id: moneyReturns.id,
        trancheId: disbursements.trancheId,
        amount: moneyReturns.amount,
        method: moneyReturns.method,
        status: sql<"returned">`'returned'`,
        paidAt: moneyReturns.approvedAt,
        paidOn: moneyReturns.receivedOn,
      })
      .from(moneyReturns)
      .innerJoin(disbursements, eq(disbursements.id, moneyReturns.disbursementId))
      .where(and(eq(moneyReturns.grantId, grantId), eq(moneyReturns.status, "approved")))
      .orderBy(asc(moneyReturns.approvedAt)),
  ]);
  return [...paid, ...returned];
}

/** The same for several grants at once (the group's list of grants). */
export async function paymentsOfGrants(grantIds: readonly string[]) {
  if (grantIds.length === 0) return [];
  return db
    .select({ ...receivedColumns, grantId: disbursements.grantId })
    .from(disbursements)
    .where(and(inArray(disbursements.grantId, [...grantIds]), inArray(disbursements.status, ["paid", "reversed"])))
    .orderBy(asc(disbursements.paidAt));
}
