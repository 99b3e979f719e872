import { and, asc, eq, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { applications, groupFacilitators, groups, reviewAssignments, reviewerConflicts, reviewScores, userRoles, users } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult, RefusalStatus } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { writeAudit } from "../audit/audit.server";
import { findRound, type Round } from "../programmes/rounds.server";
import { refreshApplicationScores } from "./application-scores.server";
import { tellReviewerReopened, tellReviewersAssigned, tellReviewerUnassigned } from "./notices.server";
import { planAssignments, type ReviewerLoad } from "./plan-assignments";
import { rubricOf } from "./reviewer.server";
import { openReviewStatuses, reviewMachine } from "./machine";
import { compareText } from "../../i18n/collate";
import { peopleOrder } from "../../infra/people-order.server";

// The admin's side of SPEC.md step 5: who reviews what. Every command locks the application rows
// it gives reviewers to (always in id order, so two admins cannot deadlock), and the unique
// constraint review_assignments_one_per_reviewer has the last word on "never twice the same".

function fail(status: RefusalStatus, key: string, field = ""): never {
  return refuse(status, { [field]: key });
}
const notFound = (): never => fail(404, "reviews.errors.notFound");

/** A due date is the end of that day in Viet Nam, where the reviewers work. */
export function dueAtFrom(day: string | null): Date | null {
  return day ? new Date(`${day}T23:59:59+07:00`) : null;
}

/** The round, or a 404 for an unknown or malformed id. */
export async function requireRound(id: string | undefined): Promise<Round> {
  const round = isUuid(id) ? await findRound(id) : null;
  if (!round) throw new Response("Not found", { status: 404 });
  return round;
}

const isOpen = sql`${reviewAssignments.status} in ('assigned', 'in_progress')`;

/**
 * Active reviewers with their load: open assignments across every round, counting only
 * applications still waiting for a decision (a decided one is no work left).
 */
async function reviewerLoads(tx: DbOrTx): Promise<(ReviewerLoad & { name: string })[]> {
  return tx
    .select({
      id: users.id,
      name: users.name,
      load: sql<number>`count(${reviewAssignments.id}) filter (where ${isOpen} and ${applications.status} = 'eligible')`.mapWith(Number),
    })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "reviewer")))
    .leftJoin(reviewAssignments, eq(reviewAssignments.reviewerId, users.id))
    .leftJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(isNull(users.disabledAt))
    .groupBy(users.id, users.name)
    .orderBy(...peopleOrder(users.name), asc(users.id));
}

/**
 * Who may not review which group: a declared conflict, or the group's own people (its leader's
 * account and its facilitators), whose interest needs no declaring. Keys are "reviewer:group".
 */
async function exclusionsFor(tx: DbOrTx, groupIds: readonly string[]): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set();
  const ids = [...new Set(groupIds)];
  const [conflicts, owners, facilitators] = await Promise.all([
    tx.select({ r: reviewerConflicts.reviewerId, g: reviewerConflicts.groupId }).from(reviewerConflicts).where(inArray(reviewerConflicts.groupId, ids)),
    tx.select({ r: groups.ownerId, g: groups.id }).from(groups).where(inArray(groups.id, ids)),
    tx.select({ r: groupFacilitators.userId, g: groupFacilitators.groupId }).from(groupFacilitators).where(inArray(groupFacilitators.groupId, ids)),
  ]);
  return new Set([...conflicts, ...owners, ...facilitators].filter((x) => x.r).map((x) => `${x.r}:${x.g}`));
}

const key = (reviewerId: string, groupId: string) => `${reviewerId}:${groupId}`;

/** Locks one application of the round for a change of its reviewers. */
async function lockApplication(tx: DbOrTx, roundId: string, applicationId: string) {
  if (!isUuid(applicationId)) return null;
  const [row] = await tx
    .select({
      id: applications.id,
      status: applications.status,
      groupId: applications.groupId,
      title: applications.title,
    })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.roundId, roundId)))
    .for("update");
  return row ?? null;
}

/** The assignment, locked, after its application (the same order as every other command). */
async function lockAssignment(tx: DbOrTx, roundId: string, assignmentId: string) {
  if (!isUuid(assignmentId)) return null;
  const [head] = await tx.select({ applicationId: reviewAssignments.applicationId }).from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId));
  if (!head) return null;
  const application = await lockApplication(tx, roundId, head.applicationId);
  if (!application) return null;
  const [assignment] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).for("update");
  return assignment ? { application, assignment } : null;
}

/** Refuses, with the reason, when this person cannot be given this application. */
async function checkReviewer(tx: DbOrTx, reviewerId: string, application: { id: string; groupId: string }) {
  const [reviewer] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "reviewer")))
    .where(and(eq(users.id, reviewerId), isNull(users.disabledAt)));
  if (!reviewer) return fail(400, "reviews.errors.notAReviewer", "reviewerId");
  if ((await exclusionsFor(tx, [application.groupId])).has(key(reviewerId, application.groupId))) {
    return fail(400, "reviews.errors.reviewerConflicted", "reviewerId");
  }
  const [already] = await tx
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.applicationId, application.id), eq(reviewAssignments.reviewerId, reviewerId)));
  if (already) return fail(409, "reviews.errors.alreadyAssigned", "reviewerId");
}

/** Runs a command, turning a lost race on the one-reviewer-once constraint into a clear 409. */
function guarded<T extends object>(work: (tx: DbOrTx) => Promise<T>): Promise<CommandResult<T>> {
  return run(work, {
    constraints: {
      review_assignments_one_per_reviewer: {
        ok: false,
        status: 409,
        errors: { "": "reviews.errors.alreadyAssigned" },
      },
    },
  });
}

/**
 * Gives every eligible application of the round its number of reviewers: least-loaded first,
 * never one with a conflict, never twice the same. Applications that already have enough are left
 * alone, so running it again only fills the gaps (after a recusal, say).
 */
export async function autoAssign(round: Round, dueAt: Date | null, actor: Actor): Promise<CommandResult<{ assigned: number; short: number }>> {
  return guarded(async (tx) => {
    const apps = await tx
      .select({ id: applications.id, groupId: applications.groupId })
      .from(applications)
      .where(and(eq(applications.roundId, round.id), eq(applications.status, "eligible")))
      .orderBy(asc(applications.id))
      .for("update");
    if (apps.length === 0) return { assigned: 0, short: 0 };
    // Read after the locks: a concurrent run has committed by now, and its rows are seen here.
    const existing = await tx
      .select({
        applicationId: reviewAssignments.applicationId,
        reviewerId: reviewAssignments.reviewerId,
        status: reviewAssignments.status,
      })
      .from(reviewAssignments)
      .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
      .where(and(eq(applications.roundId, round.id), eq(applications.status, "eligible")));
    const onApp = new Map<string, { reviewers: string[]; active: number }>();
    for (const e of existing) {
      const entry = onApp.get(e.applicationId) ?? { reviewers: [], active: 0 };
      entry.reviewers.push(e.reviewerId);
      if (e.status !== "conflict") entry.active++;
      onApp.set(e.applicationId, entry);
    }
    const [reviewers, excluded] = await Promise.all([
      reviewerLoads(tx),
      exclusionsFor(
        tx,
        apps.map((a) => a.groupId),
      ),
    ]);
    const plan = planAssignments({
      applications: apps.map((a) => ({
        id: a.id,
        groupId: a.groupId,
        ...(onApp.get(a.id) ?? { reviewers: [], active: 0 }),
      })),
      reviewers,
      perApplication: round.reviewersPerApplication,
      excluded: (r, g) => excluded.has(key(r, g)),
    });
    const created: { id: string; applicationId: string; reviewerId: string }[] = [];
    for (let i = 0; i < plan.planned.length; i += 1000) {
      const chunk = plan.planned.slice(i, i + 1000).map((p) => ({ ...p, assignedBy: actor.user.id, dueAt }));
      created.push(
        ...(await tx.insert(reviewAssignments).values(chunk).returning({
          id: reviewAssignments.id,
          applicationId: reviewAssignments.applicationId,
          reviewerId: reviewAssignments.reviewerId,
        })),
      );
    }
    const counts = new Map<string, number>();
    for (const c of created) counts.set(c.reviewerId, (counts.get(c.reviewerId) ?? 0) + 1);
    // One line for the whole run: each row it made keeps who assigned it and when (assigned_by,
    // assigned_at), so a round of thousands does not write thousands of log lines.
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "review.auto_assigned",
      entityType: "round",
      entityId: round.id,
      ip: actor.ip,
      data: {
        dueAt: dueAt?.toISOString() ?? null,
        assigned: created.length,
        byReviewer: Object.fromEntries(counts),
        applicationsShort: plan.short.length,
      },
    });
    await tellReviewersAssigned(tx, round, counts, dueAt);
    return { assigned: created.length, short: plan.short.length };
  });
}

/** The admin names the reviewer herself. */
export async function assignByHand(
  round: Round,
  input: { applicationId: string; reviewerId: string; dueAt: Date | null },
  actor: Actor,
): Promise<CommandResult> {
  return guarded(async (tx) => {
    const application = await lockApplication(tx, round.id, input.applicationId);
    if (!application) return notFound();
    if (application.status !== "eligible") return fail(409, "reviews.errors.notEligible");
    await checkReviewer(tx, input.reviewerId, application);
    const [created] = await tx
      .insert(reviewAssignments)
      .values({
        applicationId: application.id,
        reviewerId: input.reviewerId,
        assignedBy: actor.user.id,
        dueAt: input.dueAt,
      })
      .returning({ id: reviewAssignments.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "review.assigned",
      entityType: "review",
      entityId: created.id,
      ip: actor.ip,
      data: {
        applicationId: application.id,
        reviewerId: input.reviewerId,
        dueAt: input.dueAt?.toISOString() ?? null,
      },
    });
    await tellReviewersAssigned(tx, round, new Map([[input.reviewerId, 1]]), input.dueAt);
    return {};
  });
}

/**
 * Gives the work to someone else: the one named, or the least-loaded reviewer free of conflict.
 * A recused reviewer's assignment stays, as the record of her conflict and its reason; any other
 * is removed with its draft. A submitted review is never moved: reopen it first.
 */
export async function reassign(round: Round, assignmentId: string, target: string, actor: Actor): Promise<CommandResult<{ id: string }>> {
  return guarded(async (tx) => {
    const found = await lockAssignment(tx, round.id, assignmentId);
    if (!found) return notFound();
    const { application, assignment } = found;
    if (application.status !== "eligible") return fail(409, "reviews.errors.notEligible");
    if (assignment.status === "submitted") return fail(409, "reviews.errors.submittedCannotMove");
    let reviewerId = target;
    if (target === "auto") {
      const taken = await tx
        .select({ reviewerId: reviewAssignments.reviewerId })
        .from(reviewAssignments)
        .where(eq(reviewAssignments.applicationId, application.id));
      const [reviewers, excluded] = await Promise.all([reviewerLoads(tx), exclusionsFor(tx, [application.groupId])]);
      const plan = planAssignments({
        applications: [
          {
            id: application.id,
            groupId: application.groupId,
            reviewers: taken.map((t) => t.reviewerId),
            active: 0,
          },
        ],
        reviewers,
        perApplication: 1,
        excluded: (r, g) => excluded.has(key(r, g)),
      });
      if (plan.planned.length === 0) return fail(409, "reviews.errors.noReviewerAvailable");
      reviewerId = plan.planned[0].reviewerId;
    } else {
      await checkReviewer(tx, reviewerId, application);
    }
    if (assignment.status !== "conflict") {
      await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, assignment.id));
      await tellReviewerUnassigned(tx, assignment.reviewerId, application.title);
    }
    const [created] = await tx
      .insert(reviewAssignments)
      .values({
        applicationId: application.id,
        reviewerId,
        assignedBy: actor.user.id,
        dueAt: assignment.dueAt,
      })
      .returning({ id: reviewAssignments.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "review.reassigned",
      entityType: "review",
      entityId: assignment.id,
      ip: actor.ip,
      data: {
        applicationId: application.id,
        fromReviewerId: assignment.reviewerId,
        fromStatus: assignment.status,
        toReviewerId: reviewerId,
        newAssignmentId: created.id,
      },
    });
    await tellReviewersAssigned(tx, round, new Map([[reviewerId, 1]]), assignment.dueAt);
    return { id: created.id };
  });
}

/** Takes the work off a reviewer's list, with any draft. A submitted review stays. */
export async function unassign(round: Round, assignmentId: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const found = await lockAssignment(tx, round.id, assignmentId);
    if (!found) return notFound();
    const { application, assignment } = found;
    if (assignment.status === "submitted") return fail(409, "reviews.errors.submittedCannotMove");
    await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, assignment.id));
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "review.unassigned",
      entityType: "review",
      entityId: assignment.id,
      ip: actor.ip,
      data: {
        applicationId: application.id,
        reviewerId: assignment.reviewerId,
        status: assignment.status,
      },
    });
    if (assignment.status !== "conflict") await tellReviewerUnassigned(tx, assignment.reviewerId, application.title);
    return {};
  });
}

/** Opens a submitted review again (back to in progress), logged with the admin's reason. */
export async function reopenReview(round: Round, assignmentId: string, reason: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const found = await lockAssignment(tx, round.id, assignmentId);
    if (!found) return notFound();
    const { application, assignment } = found;
    if (assignment.status !== "submitted") return fail(409, "reviews.errors.notSubmitted");
    if (application.status !== "eligible") return fail(409, "reviews.errors.closed");
    await applyTransition(tx, reviewMachine, {
      table: reviewAssignments,
      id: assignment.id,
      to: "in_progress",
      actor,
      as: partiesOf(actor.user),
      set: { submittedAt: null },
      data: {
        applicationId: application.id,
        reviewerId: assignment.reviewerId,
        reason,
        submittedAt: assignment.submittedAt?.toISOString(),
      },
    });
    await refreshApplicationScores(tx, { applicationIds: [application.id] });
    await tellReviewerReopened(tx, assignment, round, application.title, reason);
    return {};
  });
}

export const REVIEWING_PAGE_SIZE = 50;

/**
 * The admin's page for a round: its applications after screening with their reviewers (a page at
 * a time), who else could take each one, and each reviewer's workload.
 */
export async function loadRoundReviewing(round: Round, options: { page: number; onlyShort: boolean; now?: Date }) {
  const now = options.now ?? new Date();
  const active =
    sql<number>`(select count(*) from ${reviewAssignments} where ${reviewAssignments.applicationId} = ${applications.id} and ${reviewAssignments.status} <> 'conflict')`.mapWith(
      Number,
    );
  const inRound = eq(applications.roundId, round.id);
  const reviewed = inArray(applications.status, ["eligible", "approved", "waitlisted", "rejected"]);
  const shortOnly: SQL = and(eq(applications.status, "eligible"), sql`${active} < ${round.reviewersPerApplication}`)!;
  const rows = await db
    .select({
      id: applications.id,
      title: applications.title,
      status: applications.status,
      groupId: applications.groupId,
      groupName: groups.name,
      requestedAmount: applications.requestedAmount,
      active,
    })
    .from(applications)
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .where(and(inRound, options.onlyShort ? shortOnly : reviewed))
    .orderBy(sql`${applications.submittedAt} asc nulls last`, asc(applications.id))
    .limit(REVIEWING_PAGE_SIZE + 1)
    .offset((options.page - 1) * REVIEWING_PAGE_SIZE);
  const page = rows.slice(0, REVIEWING_PAGE_SIZE);
  const ids = page.map((r) => r.id);

  const [assignments, reviewers, excluded, [counts], workload] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .select({
            id: reviewAssignments.id,
            applicationId: reviewAssignments.applicationId,
            reviewerId: reviewAssignments.reviewerId,
            reviewerName: users.name,
            status: reviewAssignments.status,
            dueAt: reviewAssignments.dueAt,
            conflictReason: reviewAssignments.conflictReason,
          })
          .from(reviewAssignments)
          .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
          .where(inArray(reviewAssignments.applicationId, ids))
          .orderBy(asc(reviewAssignments.assignedAt)),
    reviewerLoads(db),
    exclusionsFor(
      db,
      page.map((r) => r.groupId),
    ),
    db
      .select({
        eligible: sql<number>`count(*) filter (where ${applications.status} = 'eligible')`.mapWith(Number),
        short: sql<number>`count(*) filter (where ${shortOnly})`.mapWith(Number),
      })
      .from(applications)
      .where(inRound),
    db
      .select({
        reviewerId: reviewAssignments.reviewerId,
        name: users.name,
        assigned: sql<number>`count(*) filter (where ${reviewAssignments.status} <> 'conflict')`.mapWith(Number),
        done: sql<number>`count(*) filter (where ${reviewAssignments.status} = 'submitted')`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${isOpen} and ${lt(reviewAssignments.dueAt, now)})`.mapWith(Number),
        conflicts: sql<number>`count(*) filter (where ${reviewAssignments.status} = 'conflict')`.mapWith(Number),
      })
      .from(reviewAssignments)
      .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
      .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
      .where(inRound)
      .groupBy(reviewAssignments.reviewerId, users.name),
  ]);

  const byReviewer = new Map(workload.map((w) => [w.reviewerId, w]));
  const loads = new Map(reviewers.map((r) => [r.id, r.load]));
  const people = new Map<string, string>([...reviewers.map((r) => [r.id, r.name] as const), ...workload.map((w) => [w.reviewerId, w.name] as const)]);
  const workloadRows = [...people]
    .map(([id, name]) => {
      const w = byReviewer.get(id);
      return {
        id,
        name,
        assigned: w?.assigned ?? 0,
        done: w?.done ?? 0,
        overdue: w?.overdue ?? 0,
        conflicts: w?.conflicts ?? 0,
        openEverywhere: loads.get(id) ?? null,
      };
    })
    .sort((a, b) => compareText(a.name, b.name));

  return {
    applications: page.map((application) => {
      const mine = assignments.filter((a) => a.applicationId === application.id);
      const taken = new Set(mine.map((a) => a.reviewerId));
      return {
        id: application.id,
        title: application.title,
        status: application.status,
        groupName: application.groupName,
        requestedAmount: application.requestedAmount,
        active: application.active,
        assignments: mine.map(({ applicationId: _a, reviewerId: _r, ...rest }) => ({
          ...rest,
          overdue: rest.dueAt !== null && rest.dueAt < now && (openReviewStatuses as readonly string[]).includes(rest.status),
        })),
        candidates:
          application.status === "eligible"
            ? reviewers.filter((r) => !taken.has(r.id) && !excluded.has(key(r.id, application.groupId))).map((r) => ({ id: r.id, name: r.name, load: r.load }))
            : [],
      };
    }),
    hasNext: rows.length > REVIEWING_PAGE_SIZE,
    counts: counts ?? { eligible: 0, short: 0 },
    workload: workloadRows,
  };
}

/** One assignment as the admin reads it: the conflict's reason, or the scores and comments. */
export async function loadAssignmentForAdmin(round: Round, assignmentId: string | undefined) {
  if (!isUuid(assignmentId)) throw new Response("Not found", { status: 404 });
  const [row] = await db
    .select({
      assignment: reviewAssignments,
      reviewerName: users.name,
      reviewerEmail: users.email,
      application: {
        id: applications.id,
        title: applications.title,
        status: applications.status,
        groupId: applications.groupId,
      },
      groupName: groups.name,
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .where(and(eq(reviewAssignments.id, assignmentId), eq(applications.roundId, round.id)))
    .limit(1);
  if (!row) throw new Response("Not found", { status: 404 });
  const [criteria, scores, taken, reviewers, excluded] = await Promise.all([
    rubricOf(round.id),
    db
      .select({
        criterionId: reviewScores.criterionId,
        score: reviewScores.score,
        comment: reviewScores.comment,
      })
      .from(reviewScores)
      .where(eq(reviewScores.assignmentId, assignmentId)),
    db.select({ reviewerId: reviewAssignments.reviewerId }).from(reviewAssignments).where(eq(reviewAssignments.applicationId, row.application.id)),
    reviewerLoads(db),
    exclusionsFor(db, [row.application.groupId]),
  ]);
  const takenIds = new Set(taken.map((t) => t.reviewerId));
  const { assignment } = row;
  return {
    assignment: {
      id: assignment.id,
      status: assignment.status,
      assignedAt: assignment.assignedAt,
      dueAt: assignment.dueAt,
      noConflictAt: assignment.noConflictAt,
      conflictReason: assignment.conflictReason,
      recommendation: assignment.recommendation,
      overallComment: assignment.overallComment,
      submittedAt: assignment.submittedAt,
    },
    reviewer: { name: row.reviewerName, email: row.reviewerEmail },
    application: {
      id: row.application.id,
      title: row.application.title,
      status: row.application.status,
      groupName: row.groupName,
    },
    criteria,
    scores,
    candidates:
      row.application.status === "eligible"
        ? reviewers
            .filter((r) => !takenIds.has(r.id) && !excluded.has(key(r.id, row.application.groupId)))
            .map((r) => ({ id: r.id, name: r.name, load: r.load }))
        : [],
  };
}

/** Two weeks from today in Viet Nam, as a date input wants it: the due date the forms suggest. */
export function suggestedDueDay(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(now.getTime() + 14 * 24 * 60 * 60 * 1000));
}
