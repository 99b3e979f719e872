import { eq } from "drizzle-orm";
import { reviewAssignments, reviewerConflicts, reviewScores } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { refreshApplicationScores } from "../../modules/reviews/application-scores.server";

// Reviewers' assignments, conflicts and scores, as the admin's assignment and the reviewer's
// scoring leave them.

/** An assignment as the admin's assignment would leave it. */
export async function makeAssignment(applicationId: string, reviewerId: string, overrides: Partial<typeof reviewAssignments.$inferInsert> = {}) {
  const [row] = await db.insert(reviewAssignments).values({ applicationId, reviewerId, ...overrides }).returning();
  return row;
}

export async function makeConflict(reviewerId: string, groupId: string, reason = "Người nhà") {
  await db.insert(reviewerConflicts).values({ reviewerId, groupId, reason });
}

/** A reviewer's work with a score per criterion (in rubric order); submitted unless told otherwise. */
export async function makeReview(options: {
  applicationId: string;
  reviewerId: string;
  criterionIds: string[];
  scores: number[];
  status?: "in_progress" | "submitted";
}) {
  const status = options.status ?? "submitted";
  const assignment = await makeAssignment(options.applicationId, options.reviewerId, {
    status,
    noConflictAt: new Date(),
    recommendation: status === "submitted" ? "fund" : null,
    submittedAt: status === "submitted" ? new Date() : null,
  });
  await db.insert(reviewScores).values(
    options.scores.map((score, i) => ({ assignmentId: assignment.id, criterionId: options.criterionIds[i], score, comment: "Nhận xét" })),
  );
  // What submitting does in the app: the application's scoreboard figures follow its reviews.
  await refreshApplicationScores(db, { applicationIds: [options.applicationId] });
  return assignment.id;
}

/** An assignment read back, to see what a command did to it. */
export async function assignmentById(id: string) {
  const [row] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, id));
  return row ?? null;
}
