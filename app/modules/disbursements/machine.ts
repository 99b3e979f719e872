import { disbursementStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

// Safe on the client: finance's pages ask this machine which forms to show.

export type DisbursementStatus = (typeof disbursementStatuses)[number];

/**
 * Every allowed change of a disbursement's status (SPEC.md step 8). Two people: whoever prepared
 * a disbursement cannot approve it (checked in code and by the database). A Stripe payment goes
 * through "processing", entered with its idempotency key saved before Stripe is called; what
 * Stripe answers, its webhooks, or reconciliation settle it. Bank and cash payments are recorded
 * as paid by finance once the money has left.
 */
export const disbursementMachine = defineMachine<DisbursementStatus>({
  entity: "disbursement",
  states: disbursementStatuses,
  transitions: [
    { from: "prepared", to: "approved", by: ["finance"] },
    // "system": a grant terminated by an admin cancels what it had not paid (issue 14).
    { from: "prepared", to: "cancelled", by: ["finance", "system"] },
    { from: "approved", to: "cancelled", by: ["finance", "system"] },
    { from: "approved", to: "processing", by: ["finance"] },
    { from: "approved", to: "paid", by: ["finance"] },
    { from: "processing", to: "paid", by: ["system"] },
    { from: "processing", to: "failed", by: ["system"] },
    { from: "paid", to: "reversed", by: ["system"] },
    // A transfer Stripe reports failed after it first answered "created".
    { from: "paid", to: "failed", by: ["system"] },
  ],
  refused: "disbursements.errors.transitionRefused",
});

/** Statuses whose amount counts against the award (the database trigger uses the same list). */
export const liveDisbursementStatuses = ["prepared", "approved", "processing", "paid"] as const satisfies readonly DisbursementStatus[];
