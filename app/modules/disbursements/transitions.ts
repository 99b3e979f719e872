import type { Transition } from "../audit/transitions.server";

export type DisbursementStatus = "prepared" | "approved" | "processing" | "paid" | "failed" | "cancelled" | "reversed";

/**
 * Every allowed change of a disbursement's status (SPEC.md step 8). Two people: whoever prepared
 * a disbursement cannot approve it (checked in code and by the database). A Stripe payment goes
 * through "processing", entered with its idempotency key saved before Stripe is called; what
 * Stripe answers, its webhooks, or reconciliation settle it. Bank and cash payments are recorded
 * as paid by finance once the money has left.
 */
export const disbursementTransitions: readonly Transition<DisbursementStatus>[] = [
  { from: "prepared", to: "approved", by: ["finance"] },
  { from: "prepared", to: "cancelled", by: ["finance"] },
  { from: "approved", to: "cancelled", by: ["finance"] },
  { from: "approved", to: "processing", by: ["finance"] },
  { from: "approved", to: "paid", by: ["finance"] },
  { from: "processing", to: "paid", by: ["system"] },
  { from: "processing", to: "failed", by: ["system"] },
  { from: "paid", to: "reversed", by: ["system"] },
  // A transfer Stripe reports failed after it first answered "created".
  { from: "paid", to: "failed", by: ["system"] },
];

/** Statuses whose amount counts against the award (the database trigger uses the same list). */
export const liveDisbursementStatuses = ["prepared", "approved", "processing", "paid"] as const satisfies readonly DisbursementStatus[];
