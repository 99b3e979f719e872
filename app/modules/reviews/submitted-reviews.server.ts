import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { reviewAssignments, reviewScores, rubricCriteria, users } from "../../../db/schema";
import { db } from "../../infra/db.server";

// What the committee wrote: each submitted review's recommendation and comments beside its scores.
// The admin who decides reads them all (issue 16, "the decision page"), so a decision is read from
// the reasons and not only from the average; a reviewer who has submitted reads the others'.

/** The application's submitted reviews, oldest first, each with its scores; `except` leaves one out. */
export async function submittedReviewsOf(applicationId: string, options: { except?: string } = {}) {
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
        options.except ? ne(reviewAssignments.id, options.except) : undefined,
      ),
    )
    .orderBy(asc(reviewAssignments.submittedAt));
  // All the reviews' scores in one query, with each criterion's place in the rubric.
  const scores =
    reviews.length === 0
      ? []
      : await db
          .select({
            assignmentId: reviewScores.assignmentId,
            criterionId: reviewScores.criterionId,
            position: rubricCriteria.position,
            score: reviewScores.score,
            comment: reviewScores.comment,
          })
          .from(reviewScores)
          .innerJoin(rubricCriteria, eq(rubricCriteria.id, reviewScores.criterionId))
          .where(inArray(reviewScores.assignmentId, reviews.map((r) => r.id)))
          .orderBy(asc(rubricCriteria.position));
  return reviews.map((review) => ({
    ...review,
    scores: scores.filter((s) => s.assignmentId === review.id).map(({ criterionId, position, score, comment }) => ({ criterionId, position, score, comment })),
  }));
}
