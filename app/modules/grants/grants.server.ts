import { eq } from "drizzle-orm";
import { grants, programmes, rounds, tranches } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { refuse } from "../../kernel/command.server";
import { writeAudit } from "../audit/audit.server";
import { splitTranches } from "./tranche-split";

export interface Approval {
  applicationId: string;
  roundId: string;
  groupId: string;
  awardedAmount: bigint;
  conditions: string;
  /** The tranche the award's conditions hold until staff record them met, if any. */
  holdTranche?: number | null;
}

/**
 * Turns an approval into a grant awaiting the group's acceptance, with its tranches from the
 * round's template (SPEC.md step 7). Called in the approval's own transaction, so there is never
 * an approval without its grant; the caller adds the grant's report schedule (the outcomes module,
 * above this one) in the same transaction. Returns the grant's id.
 */
export async function createGrantForApproval(
  tx: DbOrTx,
  approval: Approval,
  actor: { id: string | null; ip?: string },
): Promise<string> {
  const [round] = await tx
    .select({ template: rounds.trancheTemplate, currency: programmes.currency })
    .from(rounds)
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .where(eq(rounds.id, approval.roundId));
  if (!round) throw new Error(`round ${approval.roundId} not found`);
  const planned = splitTranches(approval.awardedAmount, round.template);
  const [grant] = await tx
    .insert(grants)
    .values({
      applicationId: approval.applicationId,
      roundId: approval.roundId,
      groupId: approval.groupId,
      awardedAmount: approval.awardedAmount,
      currency: round.currency,
      conditions: approval.conditions,
    })
    .returning({ id: grants.id });
  if (approval.holdTranche && !planned.some((t) => t.position === approval.holdTranche)) {
    refuse(400, { conditionsHold: "decisions.errors.holdUnknownTranche" });
  }
  await tx.insert(tranches).values(planned.map((t) => ({ ...t, grantId: grant!.id, heldByConditions: t.position === approval.holdTranche })));
  await writeAudit(tx, {
    actorId: actor.id,
    action: "grant.created",
    entityType: "grant",
    entityId: grant!.id,
    ip: actor.ip,
    data: {
      applicationId: approval.applicationId,
      awardedAmount: approval.awardedAmount.toString(),
      tranches: planned.map((t) => ({ position: t.position, amount: t.amount.toString(), waitsFor: t.waitsFor })),
      ...(approval.holdTranche ? { heldByConditions: approval.holdTranche } : {}),
    },
  });
  return grant!.id;
}
