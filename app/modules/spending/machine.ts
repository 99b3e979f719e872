import { spendingReportStatuses } from "../../../db/schema/enums";
import { can, defineMachine } from "../../kernel/machine";

// Safe on the client: the pages ask this machine which forms to show.

export type SpendingStatus = (typeof spendingReportStatuses)[number];

/**
 * Every allowed change of a spending report's status (issue 14, item 5), in the outcome report's
 * style: the group (its leader, or a facilitator on its behalf) keeps a draft and submits; staff
 * approve it or return it for changes, and the group submits again. An approved report is final.
 * A report is made as a draft when the group first saves it (or submitted at once).
 */
export const spendingMachine = defineMachine<SpendingStatus>({
  entity: "spending_report",
  states: spendingReportStatuses,
  transitions: [
    { from: "draft", to: "submitted", by: ["owner"] },
    { from: "changes_requested", to: "submitted", by: ["owner"] },
    { from: "submitted", to: "approved", by: ["admin"] },
    { from: "submitted", to: "changes_requested", by: ["admin"] },
  ],
  refused: "spending.errors.transitionRefused",
});

/** Whether the group may still change the report: while it may still submit it (or it is not written yet). */
export function isEditable(status: SpendingStatus | null): boolean {
  return status === null || can(spendingMachine, status, "submitted", ["owner"]);
}
