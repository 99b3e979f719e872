import { eq } from "drizzle-orm";
import {
  applications,
  budgetLines,
  groupMembers,
  groups,
  programmes,
  reviewAssignments,
  reviewerConflicts,
  rounds,
  rubricCriteria,
} from "../../../db/schema";
import { db } from "../../infra/db.server";

// Rows written straight to the database, as programmes, groups, the wizard and screening leave
// them, so that each review test states only what it varies.

const DAY = 24 * 60 * 60 * 1000;

export const defaultCriteria = [
  { labelVi: "Phụ nữ làm chủ", labelEn: "Women in charge", weight: 3, maxScore: 10 },
  { labelVi: "Kế hoạch khả thi", labelEn: "A feasible plan", weight: 2, maxScore: 5 },
  { labelVi: "Giữ gìn tài nguyên", labelEn: "Keeping the resource", weight: 1, maxScore: 20 },
];

export async function makeRound(options: { reviewersPerApplication?: number; criteria?: typeof defaultCriteria } = {}) {
  const [programme] = await db
    .insert(programmes)
    .values({ nameVi: "Sinh kế rừng do phụ nữ làm chủ", nameEn: "Women-led forest livelihoods", donor: "Quỹ thử", totalBudget: 10_000_000_000n })
    .returning();
  const [round] = await db
    .insert(rounds)
    .values({
      programmeId: programme.id,
      titleVi: "Đợt chấm thử",
      titleEn: "Test round",
      status: "closed",
      opensAt: new Date(Date.now() - 40 * DAY),
      closesAt: new Date(Date.now() - 10 * DAY),
      eligibleProvinces: ["lao-cai"],
      eligibleActivities: ["medicinal_herbs"],
      minGrant: 10_000_000n,
      maxGrant: 100_000_000n,
      budget: 1_000_000_000n,
      reviewersPerApplication: options.reviewersPerApplication ?? 2,
      trancheTemplate: [{ percent: 100, waitsFor: "signing" }],
      reportSchedule: [],
    })
    .returning();
  const criteria = await db
    .insert(rubricCriteria)
    .values((options.criteria ?? defaultCriteria).map((c, i) => ({ ...c, roundId: round.id, position: i + 1 })))
    .returning();
  return { round, criteria: criteria.sort((a, b) => a.position - b.position) };
}

export interface MemberSpec {
  name: string;
  gender: "female" | "male";
  ethnicityCode: string | null;
  role?: string;
}

export async function makeGroup(options: {
  recordedBy: string;
  name?: string;
  phone?: string;
  leaderName?: string;
  bankName?: string;
  bankAccountLast4?: string;
  ownerId?: string;
  members?: MemberSpec[];
}) {
  const [group] = await db
    .insert(groups)
    .values({
      name: options.name ?? "Nhóm phụ nữ trồng sâm Tả Van",
      kind: "informal",
      provinceSlug: "lao-cai",
      commune: "Tả Van",
      village: "Lồ Lao Chải",
      yearFormed: 2019,
      leaderName: options.leaderName ?? "Lò Thị Hoa",
      phone: options.phone ?? "+84912345678",
      bankName: options.bankName ?? null,
      // Never decrypted by the review code; a stand-in is enough.
      bankAccountEnc: options.bankAccountLast4 ? "test-ciphertext" : null,
      bankAccountLast4: options.bankAccountLast4 ?? null,
      ownerId: options.ownerId ?? null,
      createdBy: options.recordedBy,
    })
    .returning();
  const members = options.members ?? [];
  if (members.length > 0) {
    await db.insert(groupMembers).values(
      members.map((m) => ({
        groupId: group.id,
        name: m.name,
        gender: m.gender,
        ethnicityCode: m.ethnicityCode,
        birthYear: 1985,
        role: m.role ?? "member",
        consentGivenOn: "2026-01-10",
        consentMethod: "signed" as const,
        consentRecordedBy: options.recordedBy,
      })),
    );
  }
  return group;
}

/** An application that passed screening: status "eligible", ready for review. */
export async function makeEligibleApplication(
  roundId: string,
  groupId: string,
  overrides: Partial<typeof applications.$inferInsert> = {},
) {
  const [application] = await db
    .insert(applications)
    .values({
      roundId,
      groupId,
      status: "eligible",
      step: 6,
      title: "Vườn ươm cây thuốc dưới tán rừng",
      activityType: "medicinal_herbs",
      naturalResource: "Cây thuốc bản địa",
      location: "Thôn Lồ Lao Chải",
      problem: "Cây thuốc mọc tự nhiên bị khai thác quá mức.",
      plan: "Lập vườn ươm chung, mỗi thành viên chăm một luống.",
      environmentalCare: "Chỉ thu hái một phần ba, để lại cây mẹ.",
      membersTakingPart: 3,
      womenTakingPart: 2,
      baselineIncome: 1_500_000n,
      targetIncome: 2_500_000n,
      requestedAmount: 48_000_000n,
      consentAt: new Date(),
      submittedAt: new Date(),
      ...overrides,
    })
    .returning();
  await db.insert(budgetLines).values({ applicationId: application.id, position: 1, item: "Cây giống", quantity: 400, unitCost: 120_000n });
  return application;
}

/** An assignment as the admin's assignment would leave it. */
export async function assign(applicationId: string, reviewerId: string, overrides: Partial<typeof reviewAssignments.$inferInsert> = {}) {
  const [row] = await db.insert(reviewAssignments).values({ applicationId, reviewerId, ...overrides }).returning();
  return row;
}

export async function declareConflictRow(reviewerId: string, groupId: string, reason = "Người nhà") {
  await db.insert(reviewerConflicts).values({ reviewerId, groupId, reason });
}

export async function assignmentById(id: string) {
  const [row] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, id));
  return row ?? null;
}
