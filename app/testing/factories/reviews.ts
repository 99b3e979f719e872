import { asc, eq } from "drizzle-orm";
import { applications, reviewAssignments, reviewerConflicts, reviewScores, rounds, rubricCriteria } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { refreshApplicationScores } from "../../modules/reviews/application-scores.server";
import { makeUser } from "./users";

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

/** Reviewers made once per test file and shared: one person reviews many applications. */
const committee: Promise<string>[] = [];

/**
 * As many submitted reviews as the application's round requires (or `count`), each scoring 70 %
 * of every criterion: an application the admin may decide without an override.
 */
export async function makeRequiredReviews(applicationId: string, count?: number) {
  const [row] = await db
    .select({ roundId: applications.roundId, needed: rounds.reviewersPerApplication })
    .from(applications)
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .where(eq(applications.id, applicationId));
  const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, row.roundId)).orderBy(asc(rubricCriteria.position));
  const wanted = count ?? row.needed;
  while (committee.length < wanted) committee.push(makeUser(["reviewer"]).then((u) => u.id));
  for (let i = 0; i < wanted; i++) {
    await makeReview({
      applicationId,
      reviewerId: await committee[i],
      criterionIds: criteria.map((c) => c.id),
      scores: criteria.map((c) => Math.round(c.maxScore * 0.7)),
    });
  }
}
