import { and, asc, eq, isNull, notExists, sql } from "drizzle-orm";
import {
  applications,
  decisions,
  disbursements,
  grants,
  groupMembers,
  groups,
  outcomeMemberIncomes,
  outcomeReports,
  programmes,
  rounds,
  tranches,
  users,
} from "./schema";
import type { Tx } from "./client";
import { DEMO_PROGRAMME, trades } from "./demo-grants";
import { db } from "../app/infra/db.server";
import { applicationMachine, type ApplicationStatus } from "../app/modules/applications/machine";
import { disbursementMachine } from "../app/modules/disbursements/machine";
import { writeAudit } from "../app/modules/audit/audit.server";
import { recordTransition } from "../app/kernel/transition.server";
import { awardGrant } from "../app/modules/decisions/award.server";
import { grantMachine } from "../app/modules/grants/machine";
import { dueDate } from "../app/modules/outcomes/due.server";
import { createReportSchedule } from "../app/modules/outcomes/schedule.server";
import { reportMachine, type ReportStatus } from "../app/modules/outcomes/machine";

// Outcome reports for the demo (issue #6, part 8). Two things:
//
// 1. Every grant gets its report schedule. Grants made before the outcome tables existed (the
//    review demo's approvals on an older database) are backfilled; createReportSchedule is
//    idempotent, so this runs on every start and touches nothing already there.
//
// 2. A finished earlier round, "Vòng 1 năm 2025", with its own nine grants accepted between five
//    and twenty months ago, so the impact dashboard has a true year and more of history: the
//    baseline, month-6 and month-12 reports approved for most, incomes rising for most and
//    falling for some, each member's income for a few, and reports in every state (pending,
//    draft, submitted, changes asked, approved, some overdue). The leader account
//    group@gieo.test has a month-6 report due within the reminder window: the demo journey
//    (submit, changes asked, fixed, approved, next tranche due for finance) starts there.
//
// These grants are this seed's own, in its own round, so whatever the disbursement demo does
// with the review demo's grants (accept some, pay some) and in whichever order the seeds run,
// neither changes the other's data. Status changes go through the transition tables (audit rows).

const DAY = 86_400_000;
export const HISTORY_ROUND = "Vòng 1 năm 2025";

type Step = "approved" | "submitted" | "changes_requested" | "draft" | "pending";

interface Story {
  /** The group, by its place in the demo's list (db/demo-grants.ts: 0 is group@gieo.test's). */
  group: number;
  acceptedDaysAgo: number;
  award: bigint;
  /** Income at each report as a share of the baseline, in per cent, in schedule order. */
  incomes: number[];
  steps: Partial<Record<"m6" | "m12" | "final", Step>>;
  /** Each member's income given on the approved reports. */
  perMember?: boolean;
  /** Its first tranche is still in finance's queue (the demo's money walkthrough pays it). */
  unpaid?: boolean;
}

const stories: Story[] = [
  { group: 2, acceptedDaysAgo: 600, award: 96_000_000n, incomes: [130, 160, 190], steps: { m6: "approved", m12: "approved", final: "approved" }, perMember: true },
  { group: 3, acceptedDaysAgo: 560, award: 84_000_000n, incomes: [120, 145, 150], steps: { m6: "approved", m12: "approved", final: "submitted" }, perMember: true },
  { group: 5, acceptedDaysAgo: 575, award: 72_000_000n, incomes: [95, 85, 90], steps: { m6: "approved", m12: "approved", final: "changes_requested" } },
  { group: 7, acceptedDaysAgo: 580, award: 60_000_000n, incomes: [110, 125, 0], steps: { m6: "approved", m12: "approved", final: "draft" } },
  { group: 9, acceptedDaysAgo: 590, award: 110_000_000n, incomes: [110, 90], steps: { m6: "approved", m12: "approved", final: "pending" } },
  { group: 17, acceptedDaysAgo: 420, award: 90_000_000n, incomes: [140, 180], steps: { m6: "approved", m12: "approved", final: "pending" }, perMember: true },
  { group: 21, acceptedDaysAgo: 395, award: 66_000_000n, incomes: [115, 130], steps: { m6: "approved", m12: "submitted", final: "pending" } },
  { group: 26, acceptedDaysAgo: 215, award: 78_000_000n, incomes: [105], steps: { m6: "changes_requested", m12: "pending", final: "pending" } },
  // group@gieo.test: the month-6 report falls due in about ten days; its first tranche waits for
  // finance (the leader's money walkthrough, e2e/money-journey.spec.ts, pays it).
  { group: 0, acceptedDaysAgo: 172, award: 80_000_000n, incomes: [], steps: { m6: "pending", m12: "pending", final: "pending" }, unpaid: true },
  // Funded from the waiting list and accepted in the last fortnight: their first tranches are due
  // now (finance's queue; e2e/money-journey.spec.ts and e2e/phone-journey.spec.ts pay them).
  { group: 11, acceptedDaysAgo: 15, award: 70_000_000n, incomes: [], steps: { m6: "pending", m12: "pending", final: "pending" } },
  { group: 33, acceptedDaysAgo: 12, award: 60_000_000n, incomes: [], steps: { m6: "pending", m12: "pending", final: "pending" } },
  { group: 34, acceptedDaysAgo: 10, award: 60_000_000n, incomes: [], steps: { m6: "pending", m12: "pending", final: "pending" } },
];

const storiesVi = [
  "Chị em đã bán sản phẩm cho hợp tác xã huyện với giá ổn định, có tiền cho con đi học.",
  "Nhóm học cách sơ chế và đóng gói, bán được cho khách du lịch ở thị trấn.",
  "Mưa đá làm hỏng một phần vườn; nhóm đã trồng lại và chia sẻ giống cho nhau.",
  "Có thêm ba chị em tham gia; nhóm mở sổ ghi chép thu chi chung.",
];

/** Reports' paths through the transition table, ending at each demo state. */
const paths: Record<Step, ReportStatus[]> = {
  pending: ["pending"],
  draft: ["pending", "draft"],
  submitted: ["pending", "draft", "submitted"],
  changes_requested: ["pending", "draft", "submitted", "changes_requested"],
  approved: ["pending", "draft", "submitted", "approved"],
};

async function backfillSchedules(): Promise<number> {
  const missing = await db
    .select({ id: grants.id, applicationId: grants.applicationId, roundId: grants.roundId })
    .from(grants)
    .where(notExists(db.select({ one: sql`1` }).from(outcomeReports).where(eq(outcomeReports.grantId, grants.id))));
  for (const grant of missing) {
    await db.transaction((tx) => createReportSchedule(tx, grant.id, grant.applicationId, grant.roundId));
  }
  return missing.length;
}

export async function seedOutcomesDemo(): Promise<{ seeded: boolean; backfilled: number }> {
  const backfilled = await backfillSchedules();
  const [programme] = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.nameVi, DEMO_PROGRAMME)).limit(1);
  if (!programme) return { seeded: false, backfilled };
  const [already] = await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.titleVi, HISTORY_ROUND)).limit(1);
  if (already) return { seeded: false, backfilled };
  const account = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [adminId, facilitatorId, leaderId, financeId, finance2Id] = await Promise.all(
    ["admin@gieo.test", "facilitator@gieo.test", "group@gieo.test", "finance@gieo.test", "finance2@gieo.test"].map(account),
  );
  if (!adminId || !facilitatorId || !leaderId || !financeId || !finance2Id) return { seeded: false, backfilled };
  // The demo's groups in the order they were made (their phone numbers count up).
  const demoGroups = await db
    .select({ id: groups.id, name: groups.name, leaderName: groups.leaderName, ownerId: groups.ownerId })
    .from(groups)
    .where(sql`${groups.phone} like '+8491%'`)
    .orderBy(asc(groups.phone));
  if (demoGroups.length <= Math.max(...stories.map((s) => s.group))) return { seeded: false, backfilled };
  const now = Date.now();

  await db.transaction(async (tx) => {
    const oldest = Math.max(...stories.map((s) => s.acceptedDaysAgo));
    const closesAt = new Date(now - (oldest + 100) * DAY);
    const [round] = await tx
      .insert(rounds)
      .values({
        programmeId: programme.id,
        titleVi: HISTORY_ROUND,
        titleEn: "Round 1, 2025",
        descriptionVi: "Vòng tài trợ đầu tiên, đã kết thúc; các nhóm đang báo cáo kết quả.",
        descriptionEn: "The first round, finished; the groups are reporting their outcomes.",
        status: "closed",
        opensAt: new Date(closesAt.getTime() - 50 * DAY),
        closesAt,
        eligibleProvinces: ["lao-cai", "nghe-an", "quang-ngai", "bac-ninh"],
        eligibleActivities: ["forest_products", "agroforestry", "medicinal_herbs", "seed_bank", "bamboo_rattan", "handicrafts", "eco_tourism", "livestock"],
        minGrant: 20_000_000n,
        maxGrant: 150_000_000n,
        budget: 1_000_000_000n,
        trancheTemplate: [
          { percent: 50, waitsFor: "signing" },
          { percent: 30, waitsFor: { report: "m6" } },
          { percent: 20, waitsFor: { report: "final" } },
        ],
        reportSchedule: [
          { key: "m6", months: 6, labelVi: "Báo cáo tháng thứ 6", labelEn: "Month-6 report" },
          { key: "m12", months: 12, labelVi: "Báo cáo tháng thứ 12", labelEn: "Month-12 report" },
          { key: "final", months: 18, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" },
        ],
      })
      .returning({ id: rounds.id });
    await writeAudit(tx, { actorId: adminId, action: "round.created", entityType: "round", entityId: round.id, data: { via: "demo seed" } });

    for (const [n, story] of stories.entries()) {
      const group = demoGroups[story.group];
      const members = await tx
        .select({ id: groupMembers.id, gender: groupMembers.gender })
        .from(groupMembers)
        .where(eq(groupMembers.groupId, group.id))
        .orderBy(asc(groupMembers.birthYear), asc(groupMembers.id));
      const women = members.filter((m) => m.gender === "female").length;
      const baseline = BigInt(1_100_000 + ((story.group * 7) % 9) * 150_000);
      const acceptedAt = new Date(now - story.acceptedDaysAgo * DAY);
      // What the group lives from, as its name says (db/demo-grants.ts).
      const trade = trades[story.group % trades.length];
      // Sent in the round's last weeks; decided (some from the waiting list) three weeks before
      // the group accepted.
      const submittedAt = new Date(closesAt.getTime() - (5 + n) * DAY);
      const groupActor = group.ownerId ? { id: group.ownerId, onBehalfOf: null } : { id: facilitatorId, onBehalfOf: `group:${group.id}` };

      const [application] = await tx
        .insert(applications)
        .values({
          roundId: round.id,
          groupId: group.id,
          status: "draft",
          step: 6,
          title: trade.title,
          activityType: trade.activity,
          naturalResource: trade.resource,
          location: group.name,
          problem: "Chị em làm ra sản phẩm nhưng bán thô, giá thấp và không đều.",
          plan: "Mua dụng cụ sơ chế, tập huấn kỹ thuật, cùng bán qua hợp tác xã huyện.",
          membersTakingPart: members.length,
          womenTakingPart: Math.min(women, members.length),
          baselineIncome: baseline,
          targetIncome: (baseline * 16n) / 10n,
          environmentalCare: "Chỉ khai thác một phần, trồng bù sau mỗi vụ.",
          requestedAmount: story.award,
          consentAt: submittedAt,
          submittedAt,
          submittedBy: groupActor.id,
          createdBy: groupActor.id,
          createdAt: new Date(submittedAt.getTime() - 10 * DAY),
        })
        .returning({ id: applications.id });
      const path: ApplicationStatus[] = ["draft", "submitted", "eligible", "approved"];
      for (let i = 1; i < path.length; i++) {
        const byGroup = path[i] === "submitted";
        await recordTransition(tx, applicationMachine, {
          entityId: application.id,
          from: path[i - 1],
          to: path[i],
          actor: byGroup ? { id: groupActor.id, onBehalfOf: groupActor.onBehalfOf } : { id: adminId },
          as: byGroup ? ["owner"] : ["admin"],
          data: { via: "demo seed" },
        });
      }
      await tx.update(applications).set({ status: "approved" }).where(eq(applications.id, application.id));
      await tx.insert(decisions).values({
        applicationId: application.id,
        roundId: round.id,
        outcome: "approved",
        awardedAmount: story.award,
        reasonVi: "Kế hoạch khả thi, mang lại thu nhập cho chị em.",
        reasonEn: "A feasible plan that brings income to the women.",
        decidedBy: adminId,
        decidedAt: new Date(acceptedAt.getTime() - 20 * DAY),
      });
      const grantId = await awardGrant(
        tx,
        { applicationId: application.id, roundId: round.id, groupId: group.id, awardedAmount: story.award, conditions: "" },
        { id: adminId },
      );
      await acceptInThePast(tx, grantId, acceptedAt, groupActor, group.leaderName);
      await tellHistory(tx, grantId, story, { acceptedAt, baseline, women, members: members.map((m) => m.id), groupActor, adminId, now });
      if (!story.unpaid) await payHistory(tx, grantId, { financeId, finance2Id, now });
    }
  });
  return { seeded: true, backfilled };
}

/**
 * Finance paid each tranche a week after it fell due, by bank transfer, two people each time, as
 * a programme a few years old has done: the money came before the reports that followed it. A
 * tranche due in the last three weeks is still waiting, for finance's queue.
 */
async function payHistory(tx: Tx, grantId: string, context: { financeId: string; finance2Id: string; now: number }) {
  const due = await tx
    .select({ id: tranches.id, amount: tranches.amount, position: tranches.position, metAt: tranches.conditionMetAt })
    .from(tranches)
    .where(eq(tranches.grantId, grantId))
    .orderBy(asc(tranches.position));
  for (const tranche of due) {
    if (!tranche.metAt || tranche.metAt.getTime() > context.now - 21 * DAY) continue;
    const paidAt = new Date(tranche.metAt.getTime() + 7 * DAY);
    const [row] = await tx
      .insert(disbursements)
      .values({
        grantId,
        trancheId: tranche.id,
        amount: tranche.amount,
        method: "bank_transfer",
        status: "paid",
        bankBin: "970405",
        preparedBy: context.financeId,
        preparedAt: new Date(paidAt.getTime() - 3 * DAY),
        approvedBy: context.finance2Id,
        approvedAt: new Date(paidAt.getTime() - 2 * DAY),
        bankReference: `FT${paidAt.toISOString().slice(2, 10).replace(/-/g, "")}${tranche.position}`,
        paidOn: paidAt.toISOString().slice(0, 10),
        paidAt,
        updatedAt: paidAt,
      })
      .returning({ id: disbursements.id });
    await writeAudit(tx, {
      actorId: context.financeId,
      action: "disbursement.prepared",
      entityType: "disbursement",
      entityId: row.id,
      data: { to: "prepared", amount: tranche.amount.toString(), method: "bank_transfer", trancheId: tranche.id, bankBin: "970405", recipientName: "", via: "demo seed" },
    });
    for (const [from, to, by] of [
      ["prepared", "approved", context.finance2Id],
      ["approved", "paid", context.financeId],
    ] as const) {
      await recordTransition(tx, disbursementMachine, { entityId: row.id, from, to, actor: { id: by }, as: ["finance"], data: { via: "demo seed" } });
    }
  }
}

/** The group accepted its agreement back then: the grant's transition, and the signing tranche met. */
async function acceptInThePast(tx: Tx, grantId: string, acceptedAt: Date, actor: { id: string; onBehalfOf: string | null }, leaderName: string) {
  const consent = actor.onBehalfOf ? { method: "signed", consentBy: leaderName } : { method: "self", signature: leaderName };
  await recordTransition(tx, grantMachine, {
    entityId: grantId,
    from: "awaiting_acceptance",
    to: "active",
    actor: { id: actor.id, onBehalfOf: actor.onBehalfOf },
    as: ["owner"],
    data: { via: "demo seed", consent, acceptedAt: acceptedAt.toISOString() },
  });
  await tx
    .update(grants)
    .set({ status: "active", acceptedAt, acceptedBy: actor.id, acceptanceConsent: JSON.stringify(consent) })
    .where(eq(grants.id, grantId));
  await tx
    .update(tranches)
    .set({ conditionMetAt: acceptedAt, conditionMetBy: actor.id })
    .where(and(eq(tranches.grantId, grantId), eq(tranches.waitsFor, "signing")));
}

/** Walks each report of the grant to its demo state with figures, dates and audit rows. */
async function tellHistory(
  tx: Tx,
  grantId: string,
  story: Story,
  context: { acceptedAt: Date; baseline: bigint; women: number; members: string[]; groupActor: { id: string; onBehalfOf: string | null }; adminId: string; now: number },
) {
  const reports = await tx
    .select({ id: outcomeReports.id, key: outcomeReports.key, months: outcomeReports.months })
    .from(outcomeReports)
    .where(eq(outcomeReports.grantId, grantId))
    .orderBy(asc(outcomeReports.months));
  let position = 0;
  for (const report of reports) {
    const step = story.steps[report.key as keyof Story["steps"]];
    if (!step) continue;
    const share = story.incomes[position++];
    if (step === "pending") continue;
    const due = dueDate(context.acceptedAt, report.months)!.getTime();
    const submittedAt = new Date(Math.min(due - 4 * DAY, context.now - 12 * DAY));
    const reviewedAt = new Date(Math.min(due + 6 * DAY, context.now - 2 * DAY));
    // A draft may be half filled: the final report of one group has no income yet.
    const income = share ? (context.baseline * BigInt(share)) / 100n / 1000n * 1000n : null;
    const filled = step !== "draft" || income !== null;
    const message =
      step === "changes_requested"
        ? "Nhóm ghi thêm doanh thu bán hàng trong kỳ và số chị em có thu nhập. Ảnh vườn cũng cần chụp rõ hơn."
        : step === "approved"
          ? "Cảm ơn nhóm, số liệu rõ ràng."
          : null;
    await tx
      .update(outcomeReports)
      .set({
        status: paths[step][paths[step].length - 1],
        avgMonthlyIncome: income,
        sales: filled && step !== "changes_requested" && income !== null ? income * BigInt(Math.max(1, context.women)) * 4n : null,
        womenEarning: filled && step !== "changes_requested" ? Math.max(1, context.women - (position % 2)) : null,
        areaSqm: filled ? 15_000 + ((position * 7_500 + story.group * 2_500) % 40_000) : null,
        quantityProduced: filled ? `${120 + position * 35 + story.group}.500` : null,
        quantityUnit: filled ? "kg" : "",
        story: filled ? storiesVi[(story.group + position) % storiesVi.length] : "",
        submittedAt: ["submitted", "changes_requested", "approved"].includes(step) ? submittedAt : null,
        submittedBy: ["submitted", "changes_requested", "approved"].includes(step) ? context.groupActor.id : null,
        reviewedAt: step === "approved" || step === "changes_requested" ? reviewedAt : null,
        reviewedBy: step === "approved" || step === "changes_requested" ? context.adminId : null,
        reviewMessage: message,
        updatedAt: step === "draft" ? new Date(context.now - 3 * DAY) : submittedAt,
      })
      .where(eq(outcomeReports.id, report.id));
    if (story.perMember && step === "approved" && income !== null && context.members.length > 0) {
      // Around the average, some above and some below; whole thousands of đồng, as people say them.
      await tx.insert(outcomeMemberIncomes).values(
        context.members.map((memberId, m) => ({
          reportId: report.id,
          memberId,
          monthlyIncome: ((income * BigInt(80 + ((m * 13 + position * 7) % 41))) / 100n / 1000n) * 1000n,
        })),
      );
    }
    const path = paths[step];
    for (let i = 1; i < path.length; i++) {
      const byStaff = path[i] === "approved" || path[i] === "changes_requested";
      await recordTransition(tx, reportMachine, {
        entityId: report.id,
        from: path[i - 1],
        to: path[i],
        actor: byStaff ? { id: context.adminId } : { id: context.groupActor.id, onBehalfOf: context.groupActor.onBehalfOf },
        as: byStaff ? ["admin"] : ["owner"],
        data: { via: "demo seed", key: report.key },
      });
    }
    if (step === "approved") {
      // The tranche waiting for this report became due when it was approved (no notices: history).
      const met = await tx
        .update(tranches)
        .set({ conditionMetAt: reviewedAt, conditionMetBy: context.adminId })
        .where(and(eq(tranches.grantId, grantId), eq(tranches.waitsFor, `report:${report.key}`), isNull(tranches.conditionMetAt)))
        .returning({ id: tranches.id, position: tranches.position });
      for (const tranche of met) {
        await writeAudit(tx, {
          actorId: context.adminId,
          action: "tranche.condition_met",
          entityType: "tranche",
          entityId: tranche.id,
          data: { grantId, position: tranche.position, waitsFor: `report:${report.key}`, byHand: false, via: "demo seed" },
        });
      }
    }
  }
}
