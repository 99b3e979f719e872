import type { Transition } from "../audit/transitions.server";

export type ReviewStatus = "assigned" | "conflict" | "in_progress" | "submitted";

/**
 * Every allowed change of a review assignment's status (SPEC.md step 5). The reviewer declares a
 * conflict or none before she sees anything of the application; submitting locks her review, and
 * only an admin can open it again.
 */
export const reviewTransitions: readonly Transition<ReviewStatus>[] = [
  { from: "assigned", to: "in_progress", by: ["reviewer"] },
  { from: "assigned", to: "conflict", by: ["reviewer"] },
  { from: "in_progress", to: "submitted", by: ["reviewer"] },
  { from: "submitted", to: "in_progress", by: ["admin"] },
];

/** Statuses of work still owed: what "load" and "overdue" count. */
export const openReviewStatuses = ["assigned", "in_progress"] as const satisfies readonly ReviewStatus[];
