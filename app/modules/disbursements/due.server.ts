// When money may leave for a tranche is the grants module's rule (accepted grant, condition met);
// finance reads it from there.

export { trancheIsDue } from "../grants/due.server";
export { isTrancheDue as isDue, isStopped } from "../grants/tranche-status";
