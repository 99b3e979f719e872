import { hasPermission } from "../auth/permissions";
import { relationTo } from "../groups/access.server";
import type { User } from "../../kernel/actor";
import { can, partiesOf } from "../../kernel/machine";
import { loadGrant, type Grant } from "./grant-reads.server";
import { grantMachine } from "./machine";
import { isPayable, reportKeyOf, reportLabelOf, trancheStatus } from "./tranche-status";

/**
 * How a reader stands to a grant: the group's leader ("owner"), one of its facilitators, or
 * staff who read every grant (admin, finance). Only the group's people accept it.
 */
export type GrantReader = "owner" | "facilitator" | "admin" | "finance";

const notFound = () => new Response("Not found", { status: 404 });

/** Throws 404 unless the user may read the grant: another group's id tells nothing. */
export async function requireGrantReader(user: User, grant: Pick<Grant, "group">): Promise<GrantReader> {
  const relation = await relationTo(user, grant.group.id);
  if (relation) return relation;
  if (hasPermission(user.roles, "read:finance")) return "finance";
  throw notFound();
}

/** A tranche's report label in the reader's language, from the round's report schedule. */
export function waitsForLabel(grant: Pick<Grant, "round">, waitsFor: string, locale: "vi" | "en"): string | null {
  const key = reportKeyOf(waitsFor);
  if (key === null) return null;
  return reportLabelOf(grant.round.reportSchedule, key, locale);
}

/** A payment that reached the group (or came back), as the disbursements module reads it. */
export interface ReceivedPayment {
  trancheId: string;
  amount: bigint;
  status: string;
}

/**
 * The agreement page's grant and how the reader stands to it, with what the reader may do: the
 * group's people accept, staff with manage:grants mark conditions and cancel, as the grant's
 * machine allows in its status. What has reached the group is the disbursements module's: the
 * route composes it with `agreementSchedule`.
 */
export async function loadAgreementForReader(grantId: string, user: User) {
  const grant = await loadGrant(grantId);
  if (!grant) throw notFound();
  const reader = await requireGrantReader(user, grant);
  const owner = reader === "owner" || reader === "facilitator";
  const awaitingAcceptance = can(grantMachine, grant.status, "active", ["owner"]);
  return {
    grant,
    reader,
    awaitingAcceptance,
    canAccept: owner && awaitingAcceptance,
    canManage: hasPermission(user.roles, "manage:grants"),
    canCancel: can(grantMachine, grant.status, "cancelled", partiesOf(user)),
    // Issue 14: which of suspend, resume, terminate the machine allows this reader now.
    stopForms: (["suspend", "resume", "terminate"] as const).filter((intent) =>
      can(grantMachine, grant.status, intent === "suspend" ? "suspended" : intent === "resume" ? "active" : "terminated", partiesOf(user)),
    ),
    // Conditions are met on a grant the group has accepted and that still takes payments.
    accepted: isPayable(grant.status),
  };
}

/** Per tranche: what it waits for, whether it is due, and what has reached the group for it. */
export function agreementSchedule<P extends ReceivedPayment>(grant: Pick<Grant, "status" | "tranches">, payments: readonly P[]) {
  return grant.tranches.map((tranche) => {
    const own = payments.filter((p) => p.trancheId === tranche.id);
    // Money that came back (issue 14) is netted: a bounced tranche is due again.
    const paid =
      own.filter((p) => p.status === "paid").reduce((sum, p) => sum + p.amount, 0n) - own.filter((p) => p.status === "returned").reduce((sum, p) => sum + p.amount, 0n);
    return {
      ...tranche,
      paid,
      status: trancheStatus({ grantStatus: grant.status, conditionMetAt: tranche.conditionMetAt, heldByConditions: tranche.heldByConditions, amount: tranche.amount, paid }),
      payments: own,
    };
  });
}
