import type { Transition } from "../audit/transitions.server";

export type GrantStatus = "awaiting_acceptance" | "active" | "completed" | "cancelled";

/**
 * Every allowed change of a grant's status (SPEC.md step 7). The group (or its facilitator, on
 * its behalf) accepts the agreement; a grant is completed when its last tranche is paid.
 */
export const grantTransitions: readonly Transition<GrantStatus>[] = [
  { from: "awaiting_acceptance", to: "active", by: ["owner"] },
  { from: "awaiting_acceptance", to: "cancelled", by: ["admin"] },
  { from: "active", to: "completed", by: ["system"] },
  // A reversed payment makes the grant owe money again.
  { from: "completed", to: "active", by: ["system"] },
];
