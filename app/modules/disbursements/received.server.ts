import { and, asc, eq, inArray } from "drizzle-orm";
import { disbursements } from "../../../db/schema";
import { db } from "../../infra/db.server";

/** What the group sees of its money: each payment that reached it (or came back), by tranche. */
export async function paymentsOfGrant(grantId: string) {
  return db
    .select({
      id: disbursements.id,
      trancheId: disbursements.trancheId,
      amount: disbursements.amount,
      method: disbursements.method,
      status: disbursements.status,
      paidAt: disbursements.paidAt,
      paidOn: disbursements.paidOn,
    })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), inArray(disbursements.status, ["paid", "reversed"])))
    .orderBy(asc(disbursements.paidAt));
}
