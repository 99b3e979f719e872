import { applications } from "../../../db/schema";
import { applicationStatuses } from "../../../db/schema/enums";
import type { DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { defineMachine, partiesOf } from "../../kernel/machine";
import { applyTransition } from "../../kernel/transition.server";
import { applicationTransitions } from "./transitions";

// The decisions module decides (SPEC.md step 6); the application's status is this module's to
// write, so a decision changes it through this function, in the decision's own transaction.

export type DecidedStatus = "approved" | "waitlisted" | "rejected";

// The application's transitions as a machine, for applyTransition. When this module has its own
// machine.ts, this becomes an import of it.
const applicationMachine = defineMachine({
  entity: "application",
  states: applicationStatuses,
  transitions: applicationTransitions,
  refused: "decisions.errors.notDecidable",
});

/**
 * Applies a decision's outcome to the application: locks it, checks the transition (an admin,
 * from eligible or waitlisted), sets the status and writes the audit row with the decision's
 * facts (`data`). A transition not in the table is refused with a 409.
 */
export async function applyDecisionStatus(
  tx: DbOrTx,
  applicationId: string,
  to: DecidedStatus,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<void> {
  await applyTransition(tx, applicationMachine, {
    table: applications,
    id: applicationId,
    to,
    actor,
    as: partiesOf(actor.user),
    set: { updatedAt: new Date() },
    data,
    notFound: "decisions.errors.notFound",
  });
}
