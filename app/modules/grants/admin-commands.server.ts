import { and, eq } from "drizzle-orm";
import { grants, tranches } from "../../../db/schema";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { writeAudit } from "../audit/audit.server";
import { lockGrant } from "./commands.server";
import type { Grant } from "./grant-reads.server";
import type { AwardConditionsMetInput, CancelGrantInput, ConditionMetInput } from "./grants.schema";
import { tellFinanceTranchesDue, tellGroup } from "./notices.server";
import { isTrancheDue } from "./tranche-status";
import { grantMachine } from "./machine";

// What an admin (permission manage:grants, checked by the route) does to a grant by hand.

/**
 * Marks a tranche's report condition met by hand, until outcome reports exist to approve: the
 * admin says why in a note, kept in the audit log. A tranche waiting for the signing is met only
 * by the group's acceptance, and nothing is met before the group has accepted.
 */
export async function markConditionMet(
  grant: Pick<Grant, "id" | "group" | "applicationTitle">,
  input: ConditionMetInput,
  actor: Actor,
): Promise<CommandResult<{ notice: "grants.condition.done" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    const [tranche] = await tx
      .select({ id: tranches.id, position: tranches.position, amount: tranches.amount, waitsFor: tranches.waitsFor, conditionMetAt: tranches.conditionMetAt })
      .from(tranches)
      .where(and(eq(tranches.id, input.trancheId), eq(tranches.grantId, grant.id)))
      .for("update");
    if (!tranche) return refuse(400, { trancheId: "grants.errors.unknownTranche" });
    if (tranche.waitsFor === "signing") return refuse(400, { trancheId: "grants.errors.signingByAcceptance" });
    if (locked.status === "awaiting_acceptance") return refuse(409, { "": "grants.errors.notAcceptedYet" });
    if (locked.status === "cancelled") return refuse(409, { "": "grants.errors.cancelled" });
    // Shown at the top of the page: once met, the tranche is no longer offered in the form.
    if (tranche.conditionMetAt) return refuse(409, { "": "grants.errors.alreadyMet" });
    const now = new Date();
    await tx.update(tranches).set({ conditionMetAt: now, conditionMetBy: actor.user.id }).where(eq(tranches.id, tranche.id));
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "tranche.condition_met",
      entityType: "tranche",
      entityId: tranche.id,
      ip: actor.ip,
      data: { grantId: grant.id, position: tranche.position, waitsFor: tranche.waitsFor, byHand: true, note: input.note },
    });
    if (isTrancheDue(locked.status, now)) {
      await tellFinanceTranchesDue(tx, { id: grant.id, groupName: grant.group.name, applicationTitle: grant.applicationTitle }, [tranche]);
    }
    return { notice: "grants.condition.done" as const };
  });
}

/**
 * Records that the award's conditions are met (issue 16, item 7): the tranche they held becomes
 * due if its own condition is met too, and finance is told. The note says how they were met.
 */
export async function markAwardConditionsMet(
  grant: Pick<Grant, "id" | "group" | "applicationTitle">,
  input: AwardConditionsMetInput,
  actor: Actor,
): Promise<CommandResult<{ notice: "grants.awardConditions.done" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    if (locked.status === "cancelled") return refuse(409, { "": "grants.errors.cancelled" });
    const [current] = await tx.select({ conditionsMetAt: grants.conditionsMetAt }).from(grants).where(eq(grants.id, grant.id));
    if (current?.conditionsMetAt) return refuse(409, { "": "grants.errors.awardConditionsAlreadyMet" });
    const now = new Date();
    await tx.update(grants).set({ conditionsMetAt: now, conditionsMetBy: actor.user.id }).where(eq(grants.id, grant.id));
    const released = await tx
      .update(tranches)
      .set({ heldByConditions: false })
      .where(and(eq(tranches.grantId, grant.id), eq(tranches.heldByConditions, true)))
      .returning({ position: tranches.position, amount: tranches.amount, conditionMetAt: tranches.conditionMetAt });
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "grant.conditions_met",
      entityType: "grant",
      entityId: grant.id,
      ip: actor.ip,
      data: { note: input.note, released: released.map((t) => t.position) },
    });
    const due = released.filter((t) => isTrancheDue(locked.status, t.conditionMetAt));
    if (due.length > 0) await tellFinanceTranchesDue(tx, { id: grant.id, groupName: grant.group.name, applicationTitle: grant.applicationTitle }, due);
    return { notice: "grants.awardConditions.done" as const };
  });
}

/**
 * Withdraws a grant the group has not accepted yet; the reason is kept and the group is told. Its
 * whole award goes back to the round's budget (issue 14): the round's committed money counts
 * awarded − released (migration 0026), so the scoreboard and the next approval see it free.
 */
export async function cancelGrant(
  grant: Pick<Grant, "id" | "group" | "applicationTitle">,
  input: CancelGrantInput,
  actor: Actor,
): Promise<CommandResult<{ notice: "grants.cancel.done" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    if (locked.status !== "awaiting_acceptance") return refuse(409, { "": "grants.errors.cancelOnlyAwaiting" });
    await applyTransition(tx, grantMachine, {
      table: grants,
      id: grant.id,
      to: "cancelled",
      actor,
      as: partiesOf(actor.user),
      set: { releasedAmount: locked.awardedAmount },
      data: { reason: input.reason, released: locked.awardedAmount.toString() },
    });
    await tellGroup(tx, { id: grant.id, groupId: locked.groupId, applicationTitle: grant.applicationTitle }, "grants.notice.cancelled", actor.user.id);
    return { notice: "grants.cancel.done" as const };
  });
}
