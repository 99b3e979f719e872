import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import {
  applications,
  budgetLines,
  groupMembers,
  groups,
  provinces,
  reviewAssignments,
  reviewerConflicts,
  reviewScores,
  rounds,
  rubricCriteria,
} from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor, User } from "../../kernel/actor";
import { refuseAll, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult, RefusalStatus } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { listAttachmentsAnonymously, openAttachmentAnonymously } from "../applications/attachments.server";
import { writeAudit } from "../audit/audit.server";
import { groupSummary } from "../groups/groups.server";
import { refreshApplicationScores } from "./application-scores.server";
import { reviewMachine, type ReviewStatus } from "./machine";
import { tellAdminsOfConflict } from "./notices.server";
import { redactFreeText, type Secrets } from "./redact";
import type { ScoringInput } from "./reviews.schema";
import { submittedReviewsOf } from "./submitted-reviews.server";

// The reviewer's side of SPEC.md step 5: her list, the conflict declaration, the application as
// reviewers may see it, and her scores. She reaches only her own assignments: any other id is a
// 404, so guessing ids tells nothing.

function fail(status: RefusalStatus, key: string): never {
  return refuseAll(status, key);
}
const notFound = (): never => fail(404, "reviews.errors.notFound");

/** Reviews are written only while the application is waiting for its decision. */
const underReview = (applicationStatus: string) => applicationStatus === "eligible";

/** Her assignments with what is left to do: open work first, the nearest due date first. */
export async function listMyAssignments(reviewerId: string) {
  return db
    .select({
      id: reviewAssignments.id,
      status: reviewAssignments.status,
      dueAt: reviewAssignments.dueAt,
      assignedAt: reviewAssignments.assignedAt,
      submittedAt: reviewAssignments.submittedAt,
      hasRecommendation: sql<boolean>`${reviewAssignments.recommendation} is not null`,
      hasOverallComment: sql<boolean>`${reviewAssignments.overallComment} <> ''`,
      // Nothing of the application before she has declared: not even its title.
      applicationTitle: sql<string | null>`case when ${reviewAssignments.status} in ('in_progress', 'submitted') then ${applications.title} end`,
      applicationStatus: applications.status,
      groupName: groups.name,
      roundTitleVi: rounds.titleVi,
      roundTitleEn: rounds.titleEn,
      criteria: sql<number>`(select count(*) from ${rubricCriteria} where ${rubricCriteria.roundId} = ${applications.roundId})`.mapWith(Number),
      scored:
        sql<number>`(select count(*) from ${reviewScores} where ${reviewScores.assignmentId} = ${reviewAssignments.id} and ${reviewScores.comment} <> '')`.mapWith(
          Number,
        ),
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .where(eq(reviewAssignments.reviewerId, reviewerId))
    .orderBy(
      sql`case ${reviewAssignments.status} when 'in_progress' then 0 when 'assigned' then 1 when 'submitted' then 2 else 3 end`,
      sql`${reviewAssignments.dueAt} asc nulls last`,
      asc(reviewAssignments.assignedAt),
    )
    .limit(500);
}

/** The assignment if it is hers; anything else (someone else's, unknown, malformed) is a 404. */
export async function findMyAssignment(id: string | undefined, user: User) {
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  const [row] = await db
    .select({
      id: reviewAssignments.id,
      status: reviewAssignments.status,
      roundId: applications.roundId,
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(and(eq(reviewAssignments.id, id), eq(reviewAssignments.reviewerId, user.id)))
    .limit(1);
  if (!row) throw new Response("Not found", { status: 404 });
  return row;
}

/** The round's rubric, in order. */
export async function rubricOf(roundId: string, tx: DbOrTx = db) {
  return tx
    .select({
      id: rubricCriteria.id,
      position: rubricCriteria.position,
      labelVi: rubricCriteria.labelVi,
      labelEn: rubricCriteria.labelEn,
      guidanceVi: rubricCriteria.guidanceVi,
      guidanceEn: rubricCriteria.guidanceEn,
      weight: rubricCriteria.weight,
      maxScore: rubricCriteria.maxScore,
    })
    .from(rubricCriteria)
    .where(eq(rubricCriteria.roundId, roundId))
    .orderBy(asc(rubricCriteria.position));
}

/** What must never reach a reviewer, read here only to scrub it out of the group's free text. */
async function secretsOf(groupId: string): Promise<Secrets> {
  const [group] = await db.select({ leaderName: groups.leaderName, last4: groups.bankAccountLast4 }).from(groups).where(eq(groups.id, groupId));
  const members = await db.select({ name: groupMembers.name }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return {
    names: [group?.leaderName ?? "", ...members.map((m) => m.name)],
    accountLast4: group?.last4 ?? null,
  };
}

async function scoresOf(assignmentId: string) {
  return db
    .select({
      criterionId: reviewScores.criterionId,
      score: reviewScores.score,
      comment: reviewScores.comment,
    })
    .from(reviewScores)
    .where(eq(reviewScores.assignmentId, assignmentId));
}

/**
 * The review page. Before she declares a conflict or none, only what she needs to know whether she
 * has one: the group's name and place. After that, the application without phone numbers, bank
 * details or members' personal data (counts only). Other reviewers' reviews come only once her
 * own is submitted, and only theirs that are submitted too.
 */
export async function loadMyReview(id: string | undefined, user: User) {
  const head = await findMyAssignment(id, user);
  const [row] = await db
    .select({
      assignment: {
        id: reviewAssignments.id,
        status: reviewAssignments.status,
        dueAt: reviewAssignments.dueAt,
        conflictReason: reviewAssignments.conflictReason,
        noConflictAt: reviewAssignments.noConflictAt,
        recommendation: reviewAssignments.recommendation,
        overallComment: reviewAssignments.overallComment,
        submittedAt: reviewAssignments.submittedAt,
      },
      application: {
        id: applications.id,
        status: applications.status,
        groupId: applications.groupId,
        title: applications.title,
        activityType: applications.activityType,
        naturalResource: applications.naturalResource,
        location: applications.location,
        problem: applications.problem,
        plan: applications.plan,
        ownContributionCash: applications.ownContributionCash,
        ownContributionKind: applications.ownContributionKind,
        membersTakingPart: applications.membersTakingPart,
        womenTakingPart: applications.womenTakingPart,
        baselineIncome: applications.baselineIncome,
        targetIncome: applications.targetIncome,
        environmentalCare: applications.environmentalCare,
        requestedAmount: applications.requestedAmount,
      },
      round: {
        id: rounds.id,
        titleVi: rounds.titleVi,
        titleEn: rounds.titleEn,
      },
      group: {
        name: groups.name,
        kind: groups.kind,
        commune: groups.commune,
        village: groups.village,
        yearFormed: groups.yearFormed,
        provinceVi: provinces.nameVi,
        provinceEn: provinces.nameEn,
      },
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug))
    .where(eq(reviewAssignments.id, head.id))
    .limit(1);
  if (!row) throw new Response("Not found", { status: 404 });
  const { assignment, application, round, group } = row;
  const base = {
    assignment,
    round,
    group,
    open: underReview(application.status),
  };
  if (assignment.status !== "in_progress" && assignment.status !== "submitted") return { ...base, content: null };

  const secrets = await secretsOf(application.groupId);
  const clean = (s: string) => redactFreeText(s, secrets);
  const [lines, summary, criteria, own] = await Promise.all([
    db
      .select({
        item: budgetLines.item,
        quantity: budgetLines.quantity,
        unitCost: budgetLines.unitCost,
        total: budgetLines.total,
      })
      .from(budgetLines)
      .where(eq(budgetLines.applicationId, application.id))
      .orderBy(asc(budgetLines.position)),
    groupSummary(application.groupId),
    rubricOf(round.id),
    scoresOf(assignment.id),
  ]);
  const files = (await readsAsReviewer(user, application.id)) ? await listAttachmentsAnonymously(application.id) : [];
  const others = assignment.status === "submitted" ? await submittedReviewsOf(application.id, { except: assignment.id }) : null;
  return {
    ...base,
    content: {
      application: {
        id: application.id,
        title: clean(application.title),
        activityType: application.activityType,
        naturalResource: clean(application.naturalResource),
        location: clean(application.location),
        problem: clean(application.problem),
        plan: clean(application.plan),
        ownContributionCash: application.ownContributionCash,
        ownContributionKind: clean(application.ownContributionKind),
        membersTakingPart: application.membersTakingPart,
        womenTakingPart: application.womenTakingPart,
        baselineIncome: application.baselineIncome,
        targetIncome: application.targetIncome,
        environmentalCare: clean(application.environmentalCare),
        requestedAmount: application.requestedAmount,
      },
      budgetLines: lines.map((l) => ({ ...l, item: clean(l.item) })),
      attachments: files,
      summary: {
        members: summary.members,
        women: summary.women,
        ethnicGroups: summary.ethnicGroups,
      },
      criteria,
      own,
      others,
    },
  };
}

/**
 * May she read this application's photos, quotes and letters? Only while it is hers to review
 * once she has declared no conflict (in progress or submitted), and never once she has declared a
 * conflict with its group, on this assignment or another.
 */
async function readsAsReviewer(user: User, applicationId: string): Promise<boolean> {
  if (!user.roles.includes("reviewer") || !isUuid(applicationId)) return false;
  const [row] = await db
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(
      and(
        eq(reviewAssignments.applicationId, applicationId),
        eq(reviewAssignments.reviewerId, user.id),
        inArray(reviewAssignments.status, ["in_progress", "submitted"]),
        notExists(
          db
            .select({ g: reviewerConflicts.groupId })
            .from(reviewerConflicts)
            .where(and(eq(reviewerConflicts.reviewerId, user.id), eq(reviewerConflicts.groupId, applications.groupId))),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * An attachment as a reviewer downloads it: `{ allowed: false }` when she may not read the
 * application's files (then the caller answers as for anyone else), else the file (null when the
 * attachment is not the application's). Offered under its kind and number, not its uploaded name.
 */
export async function openAttachmentAsReviewer(user: User, applicationId: string, attachmentId: string) {
  if (!(await readsAsReviewer(user, applicationId))) return { allowed: false as const };
  return { allowed: true as const, file: await openAttachmentAnonymously(applicationId, attachmentId) };
}

/**
 * Her assignment, locked after its application: the order every command on reviews takes, so
 * that her submission (which rewrites the application's scores) and an admin's reopening cannot
 * deadlock.
 */
async function lockMine(tx: DbOrTx, id: string, user: User) {
  if (!isUuid(id)) return null;
  const mine = and(eq(reviewAssignments.id, id), eq(reviewAssignments.reviewerId, user.id));
  const [head] = await tx.select({ applicationId: reviewAssignments.applicationId }).from(reviewAssignments).where(mine);
  if (!head) return null;
  const [application] = await tx
    .select({
      id: applications.id,
      status: applications.status,
      title: applications.title,
      groupId: applications.groupId,
      roundId: applications.roundId,
    })
    .from(applications)
    .where(eq(applications.id, head.applicationId))
    .for("no key update");
  const [row] = await tx.select().from(reviewAssignments).where(mine).for("update");
  if (!row || !application) return null;
  return { assignment: row, application };
}

/** Refuses, with the reason she reads, when she may not act on an assignment in this state. */
function refuseUnlessMay(status: ReviewStatus, applicationStatus: string, want: "declare" | "score"): void {
  if (status === "conflict") fail(403, "reviews.errors.recused");
  if (!underReview(applicationStatus)) fail(409, "reviews.errors.closed");
  if (want === "declare" && status !== "assigned") fail(409, "reviews.errors.alreadyDeclared");
  if (want === "score" && status === "submitted") fail(409, "reviews.errors.alreadySubmitted");
  if (want === "score" && status === "assigned") fail(409, "reviews.errors.declareFirst");
}

/** Her own change of the assignment's status, through the review machine (which writes the audit row). */
function move(tx: DbOrTx, id: string, to: ReviewStatus, actor: Actor, change: { set?: Record<string, unknown>; data: Record<string, unknown> }) {
  return applyTransition(tx, reviewMachine, {
    table: reviewAssignments,
    id,
    to,
    actor,
    as: partiesOf(actor.user),
    ...change,
  });
}

/** "I have no conflict of interest with this group": the application opens for her. */
export async function declareNoConflict(id: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const found = (await lockMine(tx, id, actor.user)) ?? notFound();
    refuseUnlessMay(found.assignment.status, found.application.status, "declare");
    await move(tx, id, "in_progress", actor, {
      set: { noConflictAt: new Date() },
      data: { applicationId: found.application.id, declared: "no_conflict" },
    });
    return {};
  });
}

/**
 * A declared conflict recuses her from this application and, through reviewer_conflicts, from any
 * other of the same group; the admins are told to reassign.
 */
export async function declareConflict(id: string, reason: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const found = (await lockMine(tx, id, actor.user)) ?? notFound();
    refuseUnlessMay(found.assignment.status, found.application.status, "declare");
    const { application } = found;
    await move(tx, id, "conflict", actor, {
      set: { conflictReason: reason },
      data: {
        applicationId: application.id,
        groupId: application.groupId,
        reason,
      },
    });
    await tx
      .insert(reviewerConflicts)
      .values({
        reviewerId: actor.user.id,
        groupId: application.groupId,
        reason,
      })
      .onConflictDoNothing();
    const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, application.groupId));
    await tellAdminsOfConflict(tx, {
      assignmentId: id,
      roundId: application.roundId,
      reviewerName: actor.user.name,
      groupName: group?.name ?? "",
      applicationTitle: application.title,
      reason,
    });
    return {};
  });
}

/**
 * Saves her scores as a draft, or submits them (which locks the review). The form was checked
 * against the rubric before; it is checked again here against the rubric as it is now, inside the
 * transaction, so a rubric edited in between cannot leave a score above its maximum.
 */
export async function saveReview(id: string, input: ScoringInput, submit: boolean, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const found = (await lockMine(tx, id, actor.user)) ?? notFound();
    refuseUnlessMay(found.assignment.status, found.application.status, "score");
    const rubric = await rubricOf(found.application.roundId, tx);
    const byPosition = new Map(rubric.map((c) => [c.position, c]));
    const rows = [];
    for (const s of input.scores) {
      const criterion = byPosition.get(s.position);
      if (!criterion || s.score > criterion.maxScore) fail(409, "reviews.errors.rubricChanged");
      rows.push({
        assignmentId: id,
        criterionId: criterion.id,
        score: s.score,
        comment: s.comment,
      });
    }
    if (submit && (rows.length !== rubric.length || rows.some((r) => r.comment === "") || !input.recommendation || !input.overallComment)) {
      fail(409, "reviews.errors.rubricChanged");
    }
    await tx.delete(reviewScores).where(eq(reviewScores.assignmentId, id));
    if (rows.length > 0) await tx.insert(reviewScores).values(rows);
    const scores = input.scores.map((s) => ({
      position: s.position,
      score: s.score,
    }));
    const answers = {
      recommendation: input.recommendation,
      overallComment: input.overallComment,
    };
    if (submit) {
      await move(tx, id, "submitted", actor, {
        set: { ...answers, submittedAt: new Date() },
        data: {
          applicationId: found.application.id,
          recommendation: input.recommendation,
          scores,
        },
      });
      await refreshApplicationScores(tx, {
        applicationIds: [found.application.id],
      });
    } else {
      await writeAudit(tx, {
        actorId: actor.user.id,
        action: "review.draft_saved",
        entityType: "review",
        entityId: id,
        ip: actor.ip,
        data: { applicationId: found.application.id, scores },
      });
      await tx.update(reviewAssignments).set(answers).where(eq(reviewAssignments.id, id));
    }
    return {};
  });
}
