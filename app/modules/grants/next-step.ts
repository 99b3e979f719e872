import type { MessageKey } from "../../i18n/i18n";
import { reportKeyOf, spendingKeyOf, trancheStatus } from "./tranche-status";
import type { GrantStatus } from "./machine";

// Safe on the client: the group's list says, per grant, the one thing that comes next.

export interface NextStep {
  key: MessageKey;
  params: Record<string, string | number>;
  /** The report key a tranche waits for, for the caller to name in the reader's language. */
  report?: string;
}

/** What the group does or waits for next: accept, wait for a payment, or send a report. */
export function nextStep(
  status: GrantStatus,
  tranches: readonly { position: number; amount: bigint; waitsFor: string; conditionMetAt: Date | string | null; heldByConditions: boolean; paid: bigint }[],
): NextStep {
  if (status === "awaiting_acceptance") return { key: "grants.next.accept", params: {} };
  if (status === "cancelled") return { key: "grants.next.cancelled", params: {} };
  if (status === "terminated") return { key: "grants.next.terminated", params: {} };
  if (status === "suspended") return { key: "grants.next.suspended", params: {} };
  const open = [...tranches]
    .sort((a, b) => a.position - b.position)
    .find((t) => trancheStatus({ grantStatus: status, ...t }) !== "paid");
  if (!open) return { key: "grants.next.completed", params: {} };
  const state = trancheStatus({ grantStatus: status, ...open });
  if (state === "due") return { key: "grants.next.due", params: { position: open.position } };
  if (state === "held") return { key: "grants.next.held", params: { position: open.position } };
  if (state === "partly_paid") return { key: "grants.next.partly", params: { position: open.position } };
  return { key: "grants.next.report", params: { position: open.position }, report: reportKeyOf(open.waitsFor) ?? spendingKeyOf(open.waitsFor) ?? open.waitsFor };
}
