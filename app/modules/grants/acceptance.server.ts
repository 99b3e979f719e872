import { and, eq, isNull } from "drizzle-orm";
import { grants, tranches } from "../../../db/schema";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { lockGrant } from "./commands.server";
import type { Grant } from "./grant-reads.server";
import type { AcceptanceConsent, FacilitatorAcceptance, LeaderAcceptance } from "./grants.schema";
import { tellFinanceTranchesDue, tellGroup } from "./notices.server";
import { grantMachine } from "./machine";

export type Acceptance =
  | { by: "owner"; input: LeaderAcceptance }
  | { by: "facilitator"; input: FacilitatorAcceptance };

function consentOf(acceptance: Acceptance): AcceptanceConsent {
  if (acceptance.by === "owner") return { method: "self", signature: acceptance.input.signature };
  const { consentBy, consentMethod, witnessName } = acceptance.input;
  return consentMethod === "oral_witnessed" ? { method: consentMethod, consentBy, witnessName } : { method: consentMethod, consentBy };
}

/**
 * The group accepts its agreement (SPEC.md step 7): the grant becomes active, who and when (and,
 * for a facilitator acting on the group's behalf, how the group consented) are kept, and every
 * tranche waiting for the signing is now due, so finance is told. A second post of the same
 * acceptance (a double click) finds the grant already active and changes nothing.
 */
export async function acceptGrant(
  grant: Pick<Grant, "id" | "group" | "applicationTitle">,
  acceptance: Acceptance,
  actor: Actor,
): Promise<CommandResult<{ notice: "grants.accept.done" | "grants.accept.already" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    if (locked.status === "active" || locked.status === "completed") return { notice: "grants.accept.already" as const };
    if (locked.status !== "awaiting_acceptance") return refuse(409, { "": "grants.errors.notAwaiting" });
    const consent = consentOf(acceptance);
    const now = new Date();
    const met = await tx
      .update(tranches)
      .set({ conditionMetAt: now, conditionMetBy: actor.user.id })
      .where(and(eq(tranches.grantId, grant.id), eq(tranches.waitsFor, "signing"), isNull(tranches.conditionMetAt)))
      .returning({ position: tranches.position, amount: tranches.amount, heldByConditions: tranches.heldByConditions });
    met.sort((a, b) => a.position - b.position);
    await applyTransition(tx, grantMachine, {
      table: grants,
      id: grant.id,
      to: "active",
      actor: { ...actor, onBehalfOf: acceptance.by === "facilitator" ? `group:${locked.groupId}` : null },
      as: ["owner"],
      set: { acceptedAt: now, acceptedBy: actor.user.id, acceptanceConsent: JSON.stringify(consent) },
      data: { consent, tranchesDue: met.filter((t) => !t.heldByConditions).map((t) => t.position) },
    });
    // A tranche the award's conditions hold is not due yet: finance hears of it when they are met.
    const due = met.filter((t) => !t.heldByConditions);
    if (due.length > 0) await tellFinanceTranchesDue(tx, { id: grant.id, groupName: grant.group.name, applicationTitle: grant.applicationTitle }, due);
    await tellGroup(tx, { id: grant.id, groupId: locked.groupId, applicationTitle: grant.applicationTitle }, "grants.notice.accepted", actor.user.id);
    return { notice: "grants.accept.done" as const };
  });
}
