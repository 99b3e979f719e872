import { grants } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { lockGrant } from "./commands.server";
import type { Grant } from "./grant-reads.server";
import type { StopGrantInput } from "./grants.schema";
import { grantMachine, type GrantStatus } from "./machine";
import { tellOfStop, type StopEvent } from "./notices.server";

// Suspending, resuming and terminating an accepted grant (issue 14, item 2): an admin's acts
// (permission manage:grants, checked by the route), each with a reason the group reads. The
// database holds the money side: no new disbursement for a suspended or terminated grant
// (trigger disbursements_need_payable_grant), live disbursements within the award less what was
// given back, and the round's budget counting only what grants still commit.

type Target = Pick<Grant, "id" | "group" | "applicationTitle">;

/**
 * What the disbursements module does when a grant stops for good, in the grant's transaction
 * (its row already locked): cancels the disbursements not yet paid, refuses while one is in
 * Stripe's hands, and answers what has reached the group. Passed in by the route, which composes
 * the two modules (the disbursements module already depends on this one).
 */
export type StopMoney = (tx: DbOrTx, grantId: string, actor: Actor, reason: string) => Promise<{ paid: bigint }>;

const refusals: Record<StopEvent, { from: readonly GrantStatus[]; to: GrantStatus; key: string }> = {
  suspended: { from: ["active"], to: "suspended", key: "grants.errors.stopOnlyActive" },
  resumed: { from: ["suspended"], to: "active", key: "grants.errors.resumeOnlySuspended" },
  terminated: { from: ["active", "suspended"], to: "terminated", key: "grants.errors.terminateOnlyRunning" },
};

async function stop(
  grant: Target,
  event: StopEvent,
  input: StopGrantInput,
  actor: Actor,
  money?: StopMoney,
): Promise<CommandResult<{ notice: `grants.${"suspend" | "resume" | "terminate"}.done` }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    const rule = refusals[event];
    // A clear word for the usual case (the page was stale); the machine stays the last word.
    if (!rule.from.includes(locked.status)) return refuse(409, { "": rule.key });
    let released: bigint | undefined;
    if (event === "terminated" && money) {
      const { paid } = await money(tx, grant.id, actor, input.reason);
      // Everything not yet paid goes back to the round (what it had already given back stays).
      released = locked.awardedAmount - paid;
    }
    await applyTransition(tx, grantMachine, {
      table: grants,
      id: grant.id,
      to: rule.to,
      actor,
      as: partiesOf(actor.user),
      set: { statusReason: event === "resumed" ? null : input.reason, ...(released === undefined ? {} : { releasedAmount: released }) },
      data: { reason: input.reason, ...(released === undefined ? {} : { released: released.toString() }) },
    });
    await tellOfStop(tx, { id: grant.id, groupId: locked.groupId, groupName: grant.group.name, applicationTitle: grant.applicationTitle }, event, input.reason, actor.user.id);
    const verb = event === "suspended" ? "suspend" : event === "resumed" ? "resume" : "terminate";
    return { notice: `grants.${verb}.done` as const };
  });
}

/** Stops payments until resumed: the database refuses new disbursements meanwhile. */
export function suspendGrant(grant: Target, input: StopGrantInput, actor: Actor) {
  return stop(grant, "suspended", input, actor);
}

/** Lets payments flow again. */
export function resumeGrant(grant: Target, input: StopGrantInput, actor: Actor) {
  return stop(grant, "resumed", input, actor);
}

/**
 * Stops the grant for good: pending disbursements are cancelled (by `money`), the tranches not
 * paid become cancelled, and the part of the award not paid goes back to the round's budget.
 */
export function terminateGrant(grant: Target, input: StopGrantInput, actor: Actor, money: StopMoney) {
  return stop(grant, "terminated", input, actor, money);
}
