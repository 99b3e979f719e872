import { grantStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

// Safe on the client: the agreement page asks this machine which forms to show.

export type GrantStatus = (typeof grantStatuses)[number];

/**
 * Every allowed change of a grant's status (SPEC.md step 7). The group (or its facilitator, on
 * its behalf) accepts the agreement; a grant is completed at close-out, when its final outcome and
 * spending reports are approved and its money is settled (completion.server.ts). After
 * the award (issue 14) an admin suspends payments and resumes them, or terminates the grant for
 * good; each says why, and the group reads it.
 */
export const grantMachine = defineMachine<GrantStatus>({
  entity: "grant",
  states: grantStatuses,
  transitions: [
    { from: "awaiting_acceptance", to: "active", by: ["owner"] },
    { from: "awaiting_acceptance", to: "cancelled", by: ["admin"] },
    { from: "active", to: "completed", by: ["system"] },
    // A payment reversed after close-out leaves its money unsettled: the grant is open again.
    { from: "completed", to: "active", by: ["system"] },
    { from: "active", to: "suspended", by: ["admin"] },
    { from: "suspended", to: "active", by: ["admin"] },
    { from: "active", to: "terminated", by: ["admin"] },
    { from: "suspended", to: "terminated", by: ["admin"] },
  ],
  refused: "grants.errors.transitionRefused",
});
