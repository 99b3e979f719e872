import { and, eq, isNull } from "drizzle-orm";
import { applications, grants, groups, tranches } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { writeAudit } from "../audit/audit.server";
import { tellFinanceTranchesDue } from "./notices.server";
import { isTrancheDue } from "./tranche-status";
import type { GrantStatus } from "./machine";

/**
 * An outcome report was approved: every tranche of the grant that waits for it
 * (`waits_for = 'report:<key>'`) has its condition met, in the approval's own transaction, and
 * finance is told of those now due (SPEC.md step 9: "the next tranche waits for the report it
 * depends on"). A tranche already met by hand is left as it is. Returns the positions met.
 */
export function markReportConditionMet(tx: DbOrTx, grantId: string, reportKey: string, actor: { id: string; ip?: string }): Promise<number[]> {
  return markWaitsForMet(tx, grantId, `report:${reportKey}`, actor);
}

/**
 * A spending report was approved (issue 14, item 5): the tranches that wait for it
 * (`waits_for = 'spending:<key>'`) are met the same way.
 */
export function markSpendingConditionMet(tx: DbOrTx, grantId: string, reportKey: string, actor: { id: string; ip?: string }): Promise<number[]> {
  return markWaitsForMet(tx, grantId, `spending:${reportKey}`, actor);
}

async function markWaitsForMet(tx: DbOrTx, grantId: string, waitsFor: string, actor: { id: string; ip?: string }): Promise<number[]> {
  const now = new Date();
  const met = await tx
    .update(tranches)
    .set({ conditionMetAt: now, conditionMetBy: actor.id })
    .where(and(eq(tranches.grantId, grantId), eq(tranches.waitsFor, waitsFor), isNull(tranches.conditionMetAt)))
    .returning({ id: tranches.id, position: tranches.position, amount: tranches.amount, heldByConditions: tranches.heldByConditions });
  if (met.length === 0) return [];
  met.sort((a, b) => a.position - b.position);
  for (const tranche of met) {
    await writeAudit(tx, {
      actorId: actor.id,
      action: "tranche.condition_met",
      entityType: "tranche",
      entityId: tranche.id,
      ip: actor.ip,
      data: { grantId, position: tranche.position, waitsFor, byHand: false },
    });
  }
  const [grant] = await tx
    .select({ status: grants.status, groupName: groups.name, applicationTitle: applications.title })
    .from(grants)
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(eq(grants.id, grantId));
  const due = met.filter((t) => grant && isTrancheDue(grant.status as GrantStatus, now, t.heldByConditions));
  if (grant && due.length > 0) {
    await tellFinanceTranchesDue(tx, { id: grantId, groupName: grant.groupName, applicationTitle: grant.applicationTitle }, due);
  }
  return met.map((t) => t.position);
}
