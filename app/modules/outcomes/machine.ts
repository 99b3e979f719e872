import { outcomeReportStatuses } from "../../../db/schema/enums";
import { can, defineMachine } from "../../kernel/machine";

// Safe on the client: the review page asks this machine whether to show the review form.

export type ReportStatus = (typeof outcomeReportStatuses)[number];

/**
 * Every allowed change of an outcome report's status (SPEC.md step 9). The group (its leader, or a
 * facilitator on its behalf) saves a draft and submits; staff approve or ask for changes, and the
 * group submits again. Saving a draft while changes are asked keeps "changes_requested", so the
 * staff's message stays in view until the group submits. An approved report is final.
 */
export const reportMachine = defineMachine<ReportStatus>({
  entity: "outcome_report",
  states: outcomeReportStatuses,
  transitions: [
    { from: "pending", to: "draft", by: ["owner"] },
    { from: "pending", to: "submitted", by: ["owner"] },
    { from: "draft", to: "submitted", by: ["owner"] },
    { from: "changes_requested", to: "submitted", by: ["owner"] },
    { from: "submitted", to: "approved", by: ["admin"] },
    { from: "submitted", to: "changes_requested", by: ["admin"] },
  ],
  refused: "outcomes.errors.transitionRefused",
});

/** Whether the group may still change the report's figures: while it may still submit them. */
export function isEditable(status: ReportStatus): boolean {
  return can(reportMachine, status, "submitted", ["owner"]);
}
