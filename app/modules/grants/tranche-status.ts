import type { GrantStatus } from "./machine";

// Safe on the client: the agreement page, the group's list and finance's queue all say "due" the
// same way. The database side of the same rule is `trancheIsDue` in due.server.ts.

/**
 * Grants whose tranches may be paid: accepted ones. A completed grant stays here because a
 * reversed payment makes its tranche owe money again.
 */
export const payableGrantStatuses = ["active", "completed"] as const satisfies readonly GrantStatus[];

/**
 * Grants no new money may leave for: suspended until resumed, terminated or cancelled for good.
 * The database refuses their new disbursements too (trigger disbursements_need_payable_grant).
 */
export const stoppedGrantStatuses = ["suspended", "terminated", "cancelled"] as const satisfies readonly GrantStatus[];

export function isStopped(grantStatus: GrantStatus): boolean {
  return (stoppedGrantStatuses as readonly GrantStatus[]).includes(grantStatus);
}

/** Whether the grant has been accepted and still takes payments (active, or completed). */
export function isPayable(grantStatus: GrantStatus): boolean {
  return (payableGrantStatuses as readonly GrantStatus[]).includes(grantStatus);
}

/**
 * A tranche is due when its grant has been accepted (active, or completed), the condition it
 * waits for is met (the agreement signed, or its outcome report approved, or marked met by hand),
 * and the award's conditions do not hold it (or staff have marked them met).
 */
export function isTrancheDue(grantStatus: GrantStatus, conditionMetAt: Date | string | null, heldByConditions = false): boolean {
  return conditionMetAt !== null && !heldByConditions && isPayable(grantStatus);
}

export type TrancheStatus = "cancelled" | "suspended" | "waiting" | "held" | "due" | "partly_paid" | "paid";

/**
 * Where a tranche stands for the people who read it: `paid` is what has reached the group for it
 * (disbursements paid and not reversed).
 */
export function trancheStatus(tranche: {
  grantStatus: GrantStatus;
  conditionMetAt: Date | string | null;
  heldByConditions?: boolean;
  amount: bigint;
  paid: bigint;
}): TrancheStatus {
  if (tranche.grantStatus === "cancelled") return "cancelled";
  if (tranche.paid >= tranche.amount) return "paid";
  // Terminating a grant cancels what it had not paid; suspending it stops payments until resumed.
  if (tranche.grantStatus === "terminated") return "cancelled";
  if (tranche.grantStatus === "suspended") return "suspended";
  // Its own condition met, only the award's conditions stand between it and the money.
  if (tranche.heldByConditions && isTrancheDue(tranche.grantStatus, tranche.conditionMetAt)) return "held";
  if (!isTrancheDue(tranche.grantStatus, tranche.conditionMetAt, tranche.heldByConditions)) return "waiting";
  return tranche.paid > 0n ? "partly_paid" : "due";
}

/** A report's name in the reader's language, from its round's schedule; its key if the schedule lost it. */
export function reportLabelOf(schedule: readonly { key: string; labelVi: string; labelEn: string }[], key: string, locale: "vi" | "en"): string {
  const report = schedule.find((r) => r.key === key);
  return report ? (locale === "en" ? report.labelEn : report.labelVi) : key;
}

/** The outcome report's key a tranche waits for ("report:m6" → "m6"); null for "signing". */
export function reportKeyOf(waitsFor: string): string | null {
  return waitsFor.startsWith("report:") ? waitsFor.slice("report:".length) : null;
}

/** The spending report's key a tranche waits for ("spending:final" → "final"); null otherwise. */
export function spendingKeyOf(waitsFor: string): string | null {
  return waitsFor.startsWith("spending:") ? waitsFor.slice("spending:".length) : null;
}
