import type { User } from "../../kernel/actor";
import type { ReceivedPayment } from "./agreement.server";
import { listGrantsForUser, tranchesOf } from "./grant-reads.server";
import { can } from "../../kernel/machine";
import { grantMachine, type GrantStatus } from "./machine";
import { nextStep } from "./next-step";
import { isPayable } from "./tranche-status";

/** Only an accepted grant can have received money: the others need no payments read. */
export function mayHaveReceived(status: GrantStatus): boolean {
  return isPayable(status);
}

/**
 * The /grants page: the grants of the groups a leader or facilitator acts for, each with its
 * tranches. What has reached the group is the disbursements module's: the route reads it for the
 * grants that `mayHaveReceived` and passes it to `withNextSteps`.
 */
export async function listGroupGrants(user: User, page: number) {
  const { grants, hasNext } = await listGrantsForUser(user, page);
  const parts = await tranchesOf(grants.map((g) => g.id));
  return {
    grants: grants.map(({ acceptanceConsent: _consent, ...shown }) => ({ ...shown, tranches: parts.filter((t) => t.grantId === shown.id) })),
    hasNext,
  };
}

/** Each grant with the one thing that comes next (accept, wait for a payment, send a report). */
export function withNextSteps<G extends Awaited<ReturnType<typeof listGroupGrants>>["grants"][number]>(
  grants: readonly G[],
  payments: readonly ReceivedPayment[],
) {
  return grants.map(({ tranches, ...grant }) => {
    const own = tranches.map((t) => ({
      ...t,
      paid: payments.filter((p) => p.trancheId === t.id && p.status === "paid").reduce((sum, p) => sum + p.amount, 0n),
    }));
    return { ...grant, next: nextStep(grant.status, own), acceptable: can(grantMachine, grant.status, "active", ["owner"]) };
  });
}
