import type { DbOrTx } from "../../infra/db.server";
import { createGrantForApproval, type Approval } from "../grants/grants.server";
import { createReportSchedule } from "../outcomes/schedule.server";

/**
 * An approval's grant with its tranches and its outcome reports' schedule, in the approval's own
 * transaction: there is never an approval without its grant, nor a grant without its schedule.
 * Composed here, above both modules, so that grants need not know of outcomes. Returns the grant's id.
 */
export async function awardGrant(tx: DbOrTx, approval: Approval, actor: { id: string | null; ip?: string }): Promise<string> {
  const grantId = await createGrantForApproval(tx, approval, actor);
  await createReportSchedule(tx, grantId, approval.applicationId, approval.roundId);
  return grantId;
}
