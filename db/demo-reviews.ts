import { and, asc, eq } from "drizzle-orm";
import { applications, decisions, reviewAssignments, reviewerConflicts, reviewScores, rounds, rubricCriteria, userRoles, users } from "./schema";
import type { Tx } from "./client";
import { DEMO_PASSWORD } from "./seed";
import { db } from "../app/infra/db.server";
import { awardGrant } from "../app/modules/decisions/award.server";
import { recordTransition } from "../app/kernel/transition.server";
import { writeAudit } from "../app/modules/audit/audit.server";
import { applicationMachine } from "../app/modules/applications/machine";
import { hashPassword } from "../app/modules/auth/password.server";
import { refreshApplicationScores } from "../app/modules/reviews/application-scores.server";
import { reviewMachine, type ReviewStatus } from "../app/modules/reviews/machine";
import { createUser } from "../app/modules/users/users.server";

// Review demo for the closed pilot round: reviews in every state (not started, conflict declared,
// draft, submitted, and a pair far apart), and decisions of each kind. reviewer@gieo.test has
// work waiting. Two more committee members make two reviewers per application possible.

const DAY = 86_400_000;
export const EXTRA_REVIEWERS = [
  { email: "reviewer2@gieo.test", name: "Hoàng Thị Thu" },
  { email: "reviewer3@gieo.test", name: "Vũ Minh Tâm" },
];

async function walk(tx: Tx, assignmentId: string, path: ReviewStatus[], reviewerId: string, reason?: string) {
  for (let i = 1; i < path.length; i++) {
    await recordTransition(tx, reviewMachine, {
      entityId: assignmentId,
      from: path[i - 1],
      to: path[i],
      actor: { id: reviewerId },
      as: ["reviewer"],
      data: { via: "demo seed", ...(reason ? { reason } : {}) },
    });
  }
}

export async function seedReviewsDemo(): Promise<{ seeded: boolean }> {
  const [round] = await db.select().from(rounds).where(eq(rounds.titleVi, "Vòng thử nghiệm 2026")).limit(1);
  if (!round) return { seeded: false };
  const [already] = await db
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(eq(applications.roundId, round.id))
    .limit(1);
  if (already) return { seeded: false };
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@gieo.test"));
  const [main] = await db.select({ id: users.id }).from(users).where(eq(users.email, "reviewer@gieo.test"));
  if (!admin || !main) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = Date.now();

  await db.transaction(async (tx) => {
    const others: string[] = [];
    for (const extra of EXTRA_REVIEWERS) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, extra.email));
      const id = existing?.id ?? (await createUser(tx, { ...extra, passwordHash, locale: "vi", roles: ["reviewer"] })).id;
      if (existing) await tx.insert(userRoles).values({ userId: id, role: "reviewer" }).onConflictDoNothing();
      others.push(id);
    }
    const criteria = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, round.id)).orderBy(asc(rubricCriteria.position));
    const eligible = await tx
      .select({ id: applications.id, groupId: applications.groupId, requested: applications.requestedAmount })
      .from(applications)
      .where(and(eq(applications.roundId, round.id), eq(applications.status, "eligible")))
      .orderBy(asc(applications.createdAt));

    const assign = async (applicationId: string, reviewerId: string) => {
      const [row] = await tx
        .insert(reviewAssignments)
        .values({ applicationId, reviewerId, assignedBy: admin.id, dueAt: new Date(now + 14 * DAY) })
        .returning({ id: reviewAssignments.id });
      await writeAudit(tx, { actorId: admin.id, action: "review.assigned", entityType: "review", entityId: row.id, data: { reviewerId, via: "demo seed" } });
      return row.id;
    };
    const score = async (assignmentId: string, reviewerId: string, level: number, submit: boolean) => {
      // Scored three weeks ago: the pilot's decisions (db/demo-disbursements.ts) came after.
      await tx.update(reviewAssignments).set({ status: "in_progress", noConflictAt: new Date(now - 22 * DAY) }).where(eq(reviewAssignments.id, assignmentId));
      await walk(tx, assignmentId, ["assigned", "in_progress"], reviewerId);
      await tx.insert(reviewScores).values(
        criteria.map((c, j) => ({
          assignmentId,
          criterionId: c.id,
          score: Math.max(0, Math.min(c.maxScore, Math.round(c.maxScore * level) - (j % 2))),
          comment: level > 0.6 ? "Kế hoạch rõ ràng, phù hợp với nhóm." : "Cần làm rõ đầu ra và giá bán.",
        })),
      );
      if (!submit) return;
      const recommendation = level > 0.7 ? "fund" : level > 0.45 ? "fund_with_conditions" : "do_not_fund";
      await tx
        .update(reviewAssignments)
        .set({ status: "submitted", recommendation, overallComment: "Đã xem kỹ hồ sơ.", submittedAt: new Date(now - 20 * DAY) })
        .where(eq(reviewAssignments.id, assignmentId));
      await walk(tx, assignmentId, ["in_progress", "submitted"], reviewerId);
    };

    for (const [i, application] of eligible.entries()) {
      const pair = [i % 3 === 0 ? main : { id: others[0] }, { id: others[1] }].map((r) => r.id);
      const first = await assign(application.id, pair[0]);
      const second = await assign(application.id, pair[1]);
      if (i < 3) continue; // not started: reviewer@gieo.test has these waiting
      if (i === 3) {
        // Conflict declared: recused, with a reason the admin sees.
        const reason = "Tôi là họ hàng của trưởng nhóm.";
        await tx.update(reviewAssignments).set({ status: "conflict", conflictReason: reason }).where(eq(reviewAssignments.id, first));
        await tx.insert(reviewerConflicts).values({ reviewerId: pair[0], groupId: application.groupId, reason });
        await walk(tx, first, ["assigned", "conflict"], pair[0], reason);
        continue;
      }
      if (i === 4) {
        await score(first, pair[0], 0.6, false); // a draft
        continue;
      }
      // Submitted pairs; application 5 has a high spread between its two reviewers.
      const levels = i === 5 ? [0.95, 0.3] : [0.55 + ((i * 7) % 10) / 25, 0.5 + ((i * 3) % 10) / 25];
      await score(first, pair[0], levels[0], true);
      await score(second, pair[1], levels[1], true);
      // Decisions of each kind on the later ones.
      const outcome = i % 5 === 1 ? "approved" : i % 5 === 2 ? "waitlisted" : i % 5 === 3 ? "rejected" : null;
      if (!outcome || i < 6) continue;
      const awarded = outcome === "approved" ? (application.requested * 9n) / 10n : null;
      await tx.insert(decisions).values({
        applicationId: application.id,
        roundId: round.id,
        outcome,
        awardedAmount: awarded,
        conditions: outcome === "approved" ? "Nộp báo giá dụng cụ trước khi nhận đợt 1." : "",
        reasonVi:
          outcome === "approved"
            ? "Kế hoạch khả thi, mang lại thu nhập cho chị em."
            : outcome === "waitlisted"
              ? "Hồ sơ tốt nhưng ngân sách đợt này đã hết; nhóm nằm trong danh sách chờ."
              : "Kế hoạch chưa cho thấy cách khai thác bền vững.",
        reasonEn:
          outcome === "approved"
            ? "A feasible plan that brings income to the women."
            : outcome === "waitlisted"
              ? "A good proposal, but this round's budget is used up; the group is on the waiting list."
              : "The plan does not yet show sustainable harvesting.",
        decidedBy: admin.id,
      });
      await tx.update(applications).set({ status: outcome }).where(eq(applications.id, application.id));
      await recordTransition(tx, applicationMachine, {
        entityId: application.id,
        from: "eligible",
        to: outcome,
        actor: { id: admin.id },
        as: ["admin"],
        data: { via: "demo seed", awardedAmount: awarded?.toString() ?? null },
      });
      if (awarded !== null) {
        await awardGrant(
          tx,
          { applicationId: application.id, roundId: round.id, groupId: application.groupId, awardedAmount: awarded, conditions: "Nộp báo giá dụng cụ trước khi nhận đợt 1." },
          { id: admin.id },
        );
      }
    }
    // What submitting does in the app: the scoreboard's figures follow the submitted reviews.
    await refreshApplicationScores(tx, { roundId: round.id });
  });
  return { seeded: true };
}
