import { and, asc, eq, inArray } from "drizzle-orm";
import { disbursements } from "../../../db/schema";
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

/** What the group sees of its money: each payment that reached it (or came back), by tranche. */
export async function paymentsOfGrant(grantId: string) {
  return db
    .select(receivedColumns)
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), inArray(disbursements.status, ["paid", "reversed"])))
    .orderBy(asc(disbursements.paidAt));
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
