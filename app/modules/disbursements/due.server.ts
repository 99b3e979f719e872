import { sql, type SQL } from "drizzle-orm";
import { disbursements, tranches } from "../../../db/schema";
import { liveDisbursementStatuses } from "./transitions";

// When money may leave for a tranche is the grants module's rule (accepted grant, condition met);
// finance reads it from there. What remains of a tranche is this module's sum.

export { trancheIsDue } from "../grants/due.server";
export { isTrancheDue as isDue } from "../grants/tranche-status";

/** SQL list of the live statuses, for raw fragments. */
export const liveStatusesSql = sql.join(
  liveDisbursementStatuses.map((s) => sql`${s}`),
  sql`, `,
);

/** Sum of a tranche's live disbursements, as a correlated subquery (bigint as text). */
export function liveOfTranche(): SQL<string> {
  return sql<string>`(select coalesce(sum(${disbursements.amount}), 0) from ${disbursements}
    where ${disbursements.trancheId} = ${tranches.id} and ${disbursements.status} in (${liveStatusesSql}))::text`;
}
