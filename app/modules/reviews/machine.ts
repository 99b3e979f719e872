import { reviewStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

export type ReviewStatus = (typeof reviewStatuses)[number];

/**
 * Every allowed change of a review assignment's status (SPEC.md step 5). The reviewer declares a
 * conflict or none before she sees anything of the application; submitting locks her review, and
 * only an admin can open it again.
 */
export const reviewMachine = defineMachine({
  entity: "review",
  states: reviewStatuses,
  transitions: [
    { from: "assigned", to: "in_progress", by: ["reviewer"] },
    { from: "assigned", to: "conflict", by: ["reviewer"] },
    { from: "in_progress", to: "submitted", by: ["reviewer"] },
    { from: "submitted", to: "in_progress", by: ["admin"] },
  ],
  refused: "reviews.errors.transitionRefused",
});

/** Statuses of work still owed: what "load" and "overdue" count. */
export const openReviewStatuses = ["assigned", "in_progress"] as const satisfies readonly ReviewStatus[];
