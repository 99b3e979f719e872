import { paymentsOfGrant } from "../disbursements/received.server";
import type { User } from "../users/users.server";
import { listGrantsForUser, tranchesOf } from "./grant-reads.server";
import { nextStep } from "./next-step";

/**
 * The /grants page: the grants of the groups a leader or facilitator acts for, each with the one
 * thing that comes next (accept, wait for a payment, send a report).
 */
export async function listGroupGrants(user: User, page: number) {
  const { grants, hasNext } = await listGrantsForUser(user, page);
  const parts = await tranchesOf(grants.map((g) => g.id));
  const rows = await Promise.all(
    grants.map(async (grant) => {
      // Only an accepted grant can have received money.
      const payments = grant.status === "active" || grant.status === "completed" ? await paymentsOfGrant(grant.id) : [];
      const own = parts
        .filter((t) => t.grantId === grant.id)
        .map((t) => ({
          ...t,
          paid: payments.filter((p) => p.trancheId === t.id && p.status === "paid").reduce((sum, p) => sum + p.amount, 0n),
        }));
      const { acceptanceConsent: _consent, ...shown } = grant;
      return { ...shown, next: nextStep(grant.status, own) };
    }),
  );
  return { grants: rows, hasNext };
}
