import { eq } from "drizzle-orm";
import { grants } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { GrantStatus } from "./machine";

/**
 * The grant's row, locked until the transaction ends: two acceptances (a double click, the leader
 * and her facilitator at once) or an acceptance and a cancellation are served one after the other,
 * and the second sees what the first did.
 */
export async function lockGrant(tx: DbOrTx, grantId: string) {
  const [row] = await tx
    .select({
      id: grants.id,
      status: grants.status,
      groupId: grants.groupId,
      applicationId: grants.applicationId,
      awardedAmount: grants.awardedAmount,
      releasedAmount: grants.releasedAmount,
    })
    .from(grants)
    .where(eq(grants.id, grantId))
    .for("update");
  return row ? { ...row, status: row.status as GrantStatus } : null;
}
