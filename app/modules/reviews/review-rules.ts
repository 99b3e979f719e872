import type { ApplicationStatus } from "../applications/machine";
import type { ReviewStatus } from "./machine";

// Safe on the client: the admin's pages ask these which forms to show, by the same rules the
// assignment commands check (assignment.server.ts refuses the rest with a 409).

/**
 * Reviews are given, moved and written only while the application is under review: screened
 * eligible and not yet decided.
 */
export function isUnderReview(applicationStatus: ApplicationStatus): boolean {
  return applicationStatus === "eligible";
}

/**
 * A reviewer's assignment can be handed to someone else, or taken back, until her review is in:
 * the review machine has no step out of "submitted" but the admin's reopening.
 */
export function isMovable(applicationStatus: ApplicationStatus, reviewStatus: ReviewStatus): boolean {
  return isUnderReview(applicationStatus) && reviewStatus !== "submitted";
}
