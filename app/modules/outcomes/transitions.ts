import type { Transition } from "../audit/transitions.server";

export type ReportStatus = "pending" | "draft" | "submitted" | "changes_requested" | "approved";

/**
 * Every allowed change of an outcome report's status (SPEC.md step 9). The group (its leader, or a
 * facilitator on its behalf) saves a draft and submits; staff approve or ask for changes, and the
 * group submits again. Saving a draft while changes are asked keeps "changes_requested", so the
 * staff's message stays in view until the group submits. An approved report is final.
 */
export const reportTransitions: readonly Transition<ReportStatus>[] = [
  { from: "pending", to: "draft", by: ["owner"] },
  { from: "pending", to: "submitted", by: ["owner"] },
  { from: "draft", to: "submitted", by: ["owner"] },
  { from: "changes_requested", to: "submitted", by: ["owner"] },
  { from: "submitted", to: "approved", by: ["admin"] },
  { from: "submitted", to: "changes_requested", by: ["admin"] },
];

/** Statuses in which the group may still change the report's figures. */
export const editableStatuses = ["pending", "draft", "changes_requested"] as const satisfies readonly ReportStatus[];

export function isEditable(status: ReportStatus): boolean {
  return (editableStatuses as readonly ReportStatus[]).includes(status);
}
