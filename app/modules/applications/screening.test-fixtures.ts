import { applications, budgetLines, groupFacilitators, groupMembers, groups, programmes, rounds } from "../../../db/schema";
import { db } from "../../infra/db.server";

// Small builders for the screening and admin-list tests: rows written straight to the database,
// as the wizard and the group pages would leave them, so each test states only what it varies.

const DAY = 24 * 60 * 60 * 1000;

export async function makeRound(overrides: Partial<typeof rounds.$inferInsert> = {}) {
  const [programme] = await db
    .insert(programmes)
    .values({ nameVi: "Sinh kế rừng do phụ nữ làm chủ", nameEn: "Women-led forest livelihoods", donor: "Quỹ thử", totalBudget: 10_000_000_000n })
    .returning();
  const [round] = await db
    .insert(rounds)
    .values({
      programmeId: programme.id,
      titleVi: "Đợt 1 năm 2027",
      titleEn: "Round 1, 2027",
      status: "open",
      opensAt: new Date(Date.now() - 10 * DAY),
      closesAt: new Date(Date.now() + 10 * DAY),
      eligibleProvinces: ["lao-cai", "nghe-an"],
      eligibleActivities: ["medicinal_herbs", "handicrafts"],
      minGrant: 10_000_000n,
      maxGrant: 100_000_000n,
      budget: 1_000_000_000n,
      trancheTemplate: [{ percent: 100, waitsFor: "signing" }],
      reportSchedule: [],
      ...overrides,
    })
    .returning();
  return round;
}

export interface MemberSpec {
  gender: "female" | "male" | "other";
  role?: string;
  name?: string;
}

/** Three women (one the leader) and one man unless told otherwise. */
export const defaultMembers: MemberSpec[] = [
  { gender: "female", role: "leader" },
  { gender: "female", role: "member" },
  { gender: "female", role: "treasurer" },
  { gender: "male", role: "member" },
];

export async function makeGroup(options: {
  recordedBy: string;
  ownerId?: string | null;
  facilitatorIds?: string[];
  name?: string;
  provinceSlug?: string;
  members?: MemberSpec[];
}) {
  const [group] = await db
    .insert(groups)
    .values({
      name: options.name ?? "Nhóm phụ nữ trồng sâm Tả Van",
      kind: "informal",
      provinceSlug: options.provinceSlug ?? "lao-cai",
      commune: "Tả Van",
      village: "Lồ Lao Chải",
      yearFormed: 2019,
      leaderName: "Lò Thị Hoa",
      phone: "+84912345678",
      ownerId: options.ownerId ?? null,
      createdBy: options.recordedBy,
    })
    .returning();
  const members = options.members ?? defaultMembers;
  if (members.length > 0) {
    await db.insert(groupMembers).values(
      members.map((m, i) => ({
        groupId: group.id,
        name: m.name ?? `Thành viên ${i + 1}`,
        gender: m.gender,
        birthYear: 1985,
        role: m.role ?? "member",
        consentGivenOn: "2026-01-15",
        consentMethod: "signed" as const,
        consentRecordedBy: options.recordedBy,
      })),
    );
  }
  for (const userId of options.facilitatorIds ?? []) await db.insert(groupFacilitators).values({ groupId: group.id, userId });
  return group;
}

export interface LineSpec {
  item: string;
  quantity: number;
  unitCost: bigint;
}

/** A complete application, submitted unless told otherwise, asking 50.000.000 ₫ in two lines. */
export async function makeApplication(options: {
  roundId: string;
  groupId: string;
  values?: Partial<typeof applications.$inferInsert>;
  lines?: LineSpec[];
}) {
  const lines = options.lines ?? [
    { item: "Cây giống sa nhân", quantity: 1000, unitCost: 30_000n },
    { item: "Lưới che nắng", quantity: 20, unitCost: 1_000_000n },
  ];
  const requested = lines.reduce((sum, l) => sum + BigInt(l.quantity) * l.unitCost, 0n);
  const [application] = await db
    .insert(applications)
    .values({
      roundId: options.roundId,
      groupId: options.groupId,
      status: "submitted",
      step: 6,
      title: "Vườn ươm cây thuốc dưới tán rừng",
      activityType: "medicinal_herbs",
      naturalResource: "Rừng cộng đồng",
      location: "Thôn Lồ Lao Chải",
      problem: "Chị em phải đi xa để hái thuốc.",
      plan: "Tháng 1 làm vườn ươm, tháng 3 trồng.",
      ownContributionCash: 2_000_000n,
      ownContributionKind: "100 ngày công",
      membersTakingPart: 12,
      womenTakingPart: 10,
      baselineIncome: 1_500_000n,
      targetIncome: 2_500_000n,
      environmentalCare: "Chỉ hái lá, không đào gốc.",
      requestedAmount: requested,
      consentAt: new Date(),
      submittedAt: new Date(),
      ...options.values,
    })
    .returning();
  if (lines.length > 0) {
    await db.insert(budgetLines).values(lines.map((l, i) => ({ applicationId: application.id, position: i + 1, ...l })));
  }
  return application;
}
