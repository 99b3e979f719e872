import { and, asc, eq, inArray } from "drizzle-orm";
import {
  reviewAssignments,
  reviewScores,
  rubricCriteria,
  users,
} from "../../../db/schema";
import { db } from "../../infra/db.server";

// What the committee wrote, for the admin who decides (issue 16, "the decision page"): each
// submitted review's recommendation and comments beside its scores, so a decision is read from
// the reasons and not only from the average.

export async function submittedReviewsOf(applicationId: string) {
  const reviews = await db
    .select({
      id: reviewAssignments.id,
      reviewerName: users.name,
      recommendation: reviewAssignments.recommendation,
      overallComment: reviewAssignments.overallComment,
      submittedAt: reviewAssignments.submittedAt,
    })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .where(
      and(
        eq(reviewAssignments.applicationId, applicationId),
        eq(reviewAssignments.status, "submitted"),
      ),
    )
    .orderBy(asc(reviewAssignments.submittedAt));
  const scores =
    reviews.length === 0
      ? []
      : await db
          .select({
            assignmentId: reviewScores.assignmentId,
            position: rubricCriteria.position,
            score: reviewScores.score,
            comment: reviewScores.comment,
          })
          .from(reviewScores)
          .innerJoin(
            rubricCriteria,
            eq(rubricCriteria.id, reviewScores.criterionId),
          )
          .where(
            inArray(
              reviewScores.assignmentId,
              reviews.map((r) => r.id),
            ),
          )
          .orderBy(asc(rubricCriteria.position));
  return reviews.map((review) => ({
    ...review,
    scores: scores
      .filter((s) => s.assignmentId === review.id)
      .map(({ position, score, comment }) => ({ position, score, comment })),
  }));
}
