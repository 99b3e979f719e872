import { applications } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { partiesOf } from "../../kernel/machine";
import { applyTransition } from "../../kernel/transition.server";
import { applicationMachine } from "./machine";

// The decisions module decides (SPEC.md step 6); the application's status is this module's to
// write, so a decision changes it through this function, in the decision's own transaction.

export type DecidedStatus = "approved" | "waitlisted" | "rejected";

// The application's own machine, with the message the decisions pages give when it refuses.
const decidedMachine = { ...applicationMachine, refused: "decisions.errors.notDecidable" };

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
  await applyTransition(tx, decidedMachine, {
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
