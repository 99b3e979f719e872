import { randomBytes } from "node:crypto";
import {
  applications,
  groupFacilitators,
  groups,
  programmes,
  reviewAssignments,
  reviewScores,
  rounds,
  rubricCriteria,
} from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { ApplicationStatus } from "../applications/machine";
import { refreshApplicationScores } from "../reviews/application-scores.server";

// Rows written straight into the test database: a round with its rubric, groups, screened
// applications and reviews in any state, without walking the other modules' forms.

const DAY = 86_400_000;

export interface CriterionSpec {
  labelVi: string;
  labelEn: string;
  weight: number;
  maxScore: number;
}

export async function makeRound(options: {
  budget: bigint;
  maxGrant: bigint;
  minGrant?: bigint;
  reviewersPerApplication?: number;
  spreadThreshold?: number;
  title?: string;
  criteria: CriterionSpec[];
}) {
  const [programme] = await db
    .insert(programmes)
    .values({ nameVi: "Chương trình thử", nameEn: "Test programme", donor: "Quỹ thử", totalBudget: options.budget * 10n })
    .returning({ id: programmes.id });
  const now = Date.now();
  const [round] = await db
    .insert(rounds)
    .values({
      programmeId: programme.id,
      titleVi: options.title ?? `Đợt thử ${randomBytes(2).toString("hex")}`,
      titleEn: options.title ?? "Test round",
      status: "closed",
      opensAt: new Date(now - 60 * DAY),
      closesAt: new Date(now - 30 * DAY),
      eligibleProvinces: ["lao-cai"],
      eligibleActivities: ["agroforestry"],
      minGrant: options.minGrant ?? 1_000_000n,
      maxGrant: options.maxGrant,
      budget: options.budget,
      reviewersPerApplication: options.reviewersPerApplication ?? 2,
      spreadThreshold: options.spreadThreshold ?? 20,
      trancheTemplate: [{ percent: 100, waitsFor: "signing" }],
      reportSchedule: [{ key: "final", months: 12, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" }],
    })
    .returning({ id: rounds.id });
  const criteria = await db
    .insert(rubricCriteria)
    .values(options.criteria.map((c, position) => ({ roundId: round.id, position, ...c })))
    .returning({ id: rubricCriteria.id, position: rubricCriteria.position });
  criteria.sort((a, b) => a.position - b.position);
  return { roundId: round.id, criterionIds: criteria.map((c) => c.id) };
}

export async function makeGroup(options: { name: string; ownerId?: string; facilitatorIds?: string[] }) {
  const [group] = await db
    .insert(groups)
    .values({
      name: options.name,
      kind: "informal",
      provinceSlug: "lao-cai",
      commune: "Sa Pa",
      village: "Thôn Tả Van",
      yearFormed: 2019,
      leaderName: "Giàng Thị Mai",
      phone: "+84912345678",
      ownerId: options.ownerId ?? null,
    })
    .returning({ id: groups.id });
  for (const userId of options.facilitatorIds ?? []) await db.insert(groupFacilitators).values({ groupId: group.id, userId });
  return group.id;
}

export async function makeApplication(options: {
  roundId: string;
  groupId: string;
  title: string;
  requested: bigint;
  status?: ApplicationStatus;
  /** Orders applications that tie on score (earlier first). */
  submittedAt?: Date;
}) {
  const [application] = await db
    .insert(applications)
    .values({
      roundId: options.roundId,
      groupId: options.groupId,
      title: options.title,
      status: options.status ?? "eligible",
      activityType: "agroforestry",
      requestedAmount: options.requested,
      submittedAt: options.submittedAt ?? new Date(),
      step: 6,
    })
    .returning({ id: applications.id });
  return application.id;
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
  const [assignment] = await db
    .insert(reviewAssignments)
    .values({
      applicationId: options.applicationId,
      reviewerId: options.reviewerId,
      status,
      noConflictAt: new Date(),
      recommendation: status === "submitted" ? "fund" : null,
      submittedAt: status === "submitted" ? new Date() : null,
    })
    .returning({ id: reviewAssignments.id });
  await db.insert(reviewScores).values(
    options.scores.map((score, i) => ({ assignmentId: assignment.id, criterionId: options.criterionIds[i], score, comment: "Nhận xét" })),
  );
  // What submitting does in the app: the application's scoreboard figures follow its reviews.
  await refreshApplicationScores(db, { applicationIds: [options.applicationId] });
  return assignment.id;
}
