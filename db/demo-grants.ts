import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { applications, budgetLines, clarifications, groupFacilitators, groupMembers, groups, programmes, rounds, rubricCriteria, users } from "./schema";
import type { Tx } from "./client";
import { db } from "../app/infra/db.server";
import { encrypt, sealedAt } from "../app/infra/crypto.server";
import { foldVietnamese } from "../app/modules/groups/fold-vietnamese";
import { recordTransition } from "../app/kernel/transition.server";
import { writeAudit } from "../app/modules/audit/audit.server";
import { applicationMachine, type ApplicationStatus } from "../app/modules/applications/machine";

// Demo programme for the applications work: an open round and a closed one, about forty groups in
// Lào Cai, Nghệ An, Quảng Ngãi (former Kon Tum) and Bắc Ninh (former Bắc Giang), and applications
// in every state. Deterministic, so every fresh start shows the same data.

const DAY = 86_400_000;

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const places = [
  { province: "lao-cai", communes: ["Sa Pa", "Bát Xát", "Mường Khương"], peoples: ["08", "09", "02"], village: "Thôn" },
  { province: "nghe-an", communes: ["Kỳ Sơn", "Tương Dương", "Quế Phong"], peoples: ["03", "08", "06"], village: "Bản" },
  { province: "quang-ngai", communes: ["Đăk Tô", "Kon Plông", "Ngọc Hồi"], peoples: ["14", "13", "14"], village: "Làng" },
  { province: "bac-ninh", communes: ["Sơn Động", "Lục Ngạn", "Lục Nam"], peoples: ["07", "02", "09"], village: "Thôn" },
];
const familyNames = ["Giàng", "Lò", "Hờ", "Vàng", "Sùng", "Lý", "Hà", "Lương", "Vi", "Y", "A", "Đinh", "Nông", "Hoàng", "Triệu", "Bàn"];
const givenNames = ["Thị Mai", "Thị Dua", "Thị Sua", "Thị Hoa", "Thị Lan", "Thị Pảng", "Thị Chi", "Thị Xuân", "Thị Hiền", "Thị Mỷ", "Thị Nga", "Thị Hương"];

/**
 * What each demo group lives from, by its place in the list (i % 8): its name says its trade and
 * its kind, and its applications ask for that activity and that resource, so the demo reads as
 * one true story (issue 16). db/demo-outcomes.ts reads the same table for its own applications.
 */
export const trades = [
  { name: "Tổ hợp tác dệt thổ cẩm", kind: "cooperative", activity: "handicrafts", resource: "Sợi lanh và chàm trồng trong bản", title: "Dệt thổ cẩm bán cho khách du lịch" },
  { name: "Nhóm trồng sa nhân", kind: "informal", activity: "agroforestry", resource: "Cây sa nhân dưới tán rừng", title: "Sấy và bán sa nhân qua hợp tác xã" },
  { name: "Nhóm thảo dược", kind: "informal", activity: "medicinal_herbs", resource: "Cây thuốc nam", title: "Vườn cây thuốc dưới tán rừng" },
  { name: "Hợp tác xã măng tre", kind: "cooperative", activity: "bamboo_rattan", resource: "Rừng tre nứa", title: "Sơ chế và bán măng tre khô" },
  { name: "Nhóm du lịch cộng đồng", kind: "informal", activity: "eco_tourism", resource: "Cảnh quan rừng và ruộng bậc thang", title: "Đón khách ở nhà dân và dẫn đường vào rừng" },
  { name: "Nhóm nuôi ong rừng", kind: "informal", activity: "forest_products", resource: "Ong rừng", title: "Nuôi ong lấy mật rừng" },
  { name: "Nhóm đan mây tre", kind: "informal", activity: "bamboo_rattan", resource: "Mây và tre rừng", title: "Đan giỏ mây tre bán cho thành phố" },
  { name: "Nhóm giống lúa bản địa", kind: "informal", activity: "seed_bank", resource: "Giống lúa nương", title: "Ngân hàng giống lúa bản địa" },
] as const;

/** The groups of the Women's Union among the demo's (their names say so): every seventh. */
function tradeOf(i: number) {
  const trade = trades[i % trades.length];
  const union = i > 0 && i % 7 === 0 && trade.kind === "informal";
  return { ...trade, kind: union ? ("womens_union" as const) : trade.kind, name: union ? trade.name.replace(/^Nhóm/, "Chi hội phụ nữ") : trade.name };
}

export const DEMO_PROGRAMME = "Sinh kế rừng do phụ nữ làm chủ 2027";

async function createRound(
  tx: Tx,
  programmeId: string,
  values: { titleVi: string; titleEn: string; status: "open" | "closed"; opensAt: Date; closesAt: Date; budget: bigint },
) {
  const [round] = await tx
    .insert(rounds)
    .values({
      programmeId,
      ...values,
      descriptionVi: "Tài trợ nhỏ cho nhóm phụ nữ dân tộc thiểu số phát triển sinh kế bền vững từ tài nguyên thiên nhiên.",
      descriptionEn: "Small grants for ethnic-minority women's groups building sustainable livelihoods from natural resources.",
      eligibleProvinces: places.map((p) => p.province),
      eligibleActivities: ["forest_products", "agroforestry", "medicinal_herbs", "seed_bank", "bamboo_rattan", "handicrafts", "eco_tourism", "livestock"],
      minGrant: 20_000_000n,
      maxGrant: 150_000_000n,
      reviewersPerApplication: 2,
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
  const criteria = [
    ["Tính khả thi của kế hoạch", "Feasibility of the plan", 3, 10],
    ["Lợi ích cho phụ nữ trong nhóm", "Benefit to the women of the group", 3, 10],
    ["Sử dụng tài nguyên bền vững", "Sustainable use of the resource", 2, 10],
    ["Ngân sách hợp lý", "Reasonable budget", 1, 5],
    ["Năng lực của nhóm", "The group's capacity", 1, 5],
  ] as const;
  await tx.insert(rubricCriteria).values(
    // Positions count from 1, as the round form numbers criteria.
    criteria.map(([labelVi, labelEn, weight, maxScore], i) => ({ roundId: round.id, position: i + 1, labelVi, labelEn, weight, maxScore })),
  );
  await writeAudit(tx, { action: "round.created", entityType: "round", entityId: round.id, data: { via: "demo seed" } });
  return round.id;
}

/** Moves a seeded application along the transition table, writing each audit row. */
async function advance(tx: Tx, id: string, path: ApplicationStatus[], actor: { id: string; onBehalfOf: string | null }, adminId: string) {
  for (let i = 1; i < path.length; i++) {
    const [from, to] = [path[i - 1], path[i]];
    const byGroup = to === "submitted";
    await recordTransition(tx, applicationMachine, {
      entityId: id,
      from,
      to,
      actor: byGroup ? { id: actor.id, onBehalfOf: actor.onBehalfOf } : { id: adminId },
      as: byGroup ? ["owner"] : ["admin"],
      data: { via: "demo seed" },
    });
  }
}

export async function seedGrantsDemo(): Promise<{ seeded: boolean }> {
  const [existing] = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.nameVi, DEMO_PROGRAMME)).limit(1);
  if (existing) return { seeded: false };
  const account = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [adminId, facilitatorId, leaderId] = await Promise.all(["admin@gieo.test", "facilitator@gieo.test", "group@gieo.test"].map(account));
  if (!adminId || !facilitatorId || !leaderId) return { seeded: false };
  const rand = random(2027);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const now = Date.now();

  await db.transaction(async (tx) => {
    const [programme] = await tx
      .insert(programmes)
      .values({ nameVi: DEMO_PROGRAMME, nameEn: "Women-led forest livelihoods 2027", donor: "Quỹ Đối tác Phát triển (demo)", totalBudget: 5_000_000_000n, createdBy: adminId })
      .returning({ id: programmes.id });
    const openRound = await createRound(tx, programme.id, {
      titleVi: "Vòng 1 năm 2027",
      titleEn: "Round 1, 2027",
      status: "open",
      opensAt: new Date(now - 30 * DAY),
      closesAt: new Date(now + 90 * DAY),
      budget: 2_000_000_000n,
    });
    const closedRound = await createRound(tx, programme.id, {
      titleVi: "Vòng thử nghiệm 2026",
      titleEn: "Pilot round 2026",
      status: "closed",
      opensAt: new Date(now - 200 * DAY),
      closesAt: new Date(now - 40 * DAY),
      budget: 1_500_000_000n,
    });

    for (let i = 0; i < 40; i++) {
      const place = places[i % places.length];
      const trade = tradeOf(i);
      const kind = trade.kind;
      const leader = i === 0 ? "Giàng Thị Mai" : `${pick(familyNames)} ${pick(givenNames)}`;
      const registeredAt = new Date(now - (900 - i) * DAY);
      const account = String(1_000_000_000 + Math.floor(rand() * 8_999_999_999));
      const groupId = randomUUID();
      const [group] = await tx
        .insert(groups)
        .values({
          id: groupId,
          name: `${trade.name} ${place.village.toLowerCase()} ${i + 1}`,
          kind,
          provinceSlug: place.province,
          commune: place.communes[i % 3],
          village: `${place.village} ${1 + (i % 9)}`,
          yearFormed: 2010 + (i % 14),
          leaderName: leader,
          phone: `+8491${String(2_000_000 + i).padStart(7, "0")}`,
          bankName: pick(["Agribank", "BIDV", "VietinBank", "Vietcombank"]),
          bankAccountEnc: encrypt(account, sealedAt("groups", "bank_account_enc", groupId)),
          bankAccountLast4: account.slice(-4),
          // Banks hold names in capitals without marks: "GIANG THI MAI".
          bankAccountHolder: foldVietnamese(leader).toUpperCase(),
          ownerId: i === 0 ? leaderId : null,
          createdBy: i === 0 ? leaderId : facilitatorId,
          // Registered long ago: the outcome demo's first round funded some of them 600 days back.
          createdAt: registeredAt,
        })
        .returning({ id: groups.id });
      // Facilitators support the groups without a leader account; ours supports the first dozen.
      if (i > 0 && i <= 12) await tx.insert(groupFacilitators).values({ groupId: group.id, userId: facilitatorId });
      const size = 6 + Math.floor(rand() * 10);
      await tx.insert(groupMembers).values(
        Array.from({ length: size }, (_, m) => ({
          groupId: group.id,
          name: m === 0 ? leader : `${pick(familyNames)} ${pick(givenNames)}`,
          // Most groups are women-only; a few have men, one (i = 13) too many to be eligible.
          gender: (m >= size - (i === 13 ? size - 2 : i % 6 === 0 ? 2 : 0) ? "male" : "female") as "male" | "female",
          ethnicityCode: m % 8 === 7 ? null : place.peoples[m % 3],
          birthYear: 1965 + Math.floor(rand() * 40),
          role: m === 0 ? "leader" : m === 1 ? "treasurer" : "member",
          consentGivenOn: new Date(registeredAt.getTime() + 5 * DAY).toISOString().slice(0, 10),
          consentMethod: (m % 3 === 0 ? "oral_witnessed" : "signed") as "oral_witnessed" | "signed",
          consentWitness: m % 3 === 0 ? "Lò Thị Hoa" : null,
          consentRecordedBy: facilitatorId,
        })),
      );
      await writeAudit(tx, { actorId: facilitatorId, action: "group.created", entityType: "group", entityId: group.id, data: { via: "demo seed" } });

      // Applications: the leader's group has a draft in the open round; the others spread over
      // every state, most in the closed round (which the review work builds on).
      const states: ApplicationStatus[][] = [
        ["draft", "submitted"],
        ["draft", "submitted", "eligible"],
        ["draft", "submitted", "ineligible"],
        ["draft", "submitted", "clarification_requested"],
        ["draft", "submitted", "clarification_requested", "submitted", "eligible"],
        ["draft"],
      ];
      const path: ApplicationStatus[] = i === 0 ? ["draft"] : i <= 30 ? (i % 4 === 0 ? states[0] : states[1]) : states[i % states.length];
      const roundId = i === 0 || i > 30 ? openRound : closedRound;
      const activity = trade.activity;
      // A draw the resource once took, kept so the names and figures drawn after it (which the
      // end-to-end journeys name) stay what they were.
      rand();
      // Each round's applications went in while it was open (the pilot's closed 40 days ago).
      const submittedAt = new Date(now - (roundId === openRound ? 20 : 45) * DAY);
      const lines = [
        { item: "Cây giống / nguyên liệu", quantity: 200 + (i % 5) * 50, unitCost: 60_000n },
        { item: "Tập huấn kỹ thuật", quantity: 2, unitCost: 4_000_000n },
        { item: "Dụng cụ sơ chế", quantity: 3, unitCost: 3_500_000n },
      ];
      const requested = lines.reduce((sum, l) => sum + BigInt(l.quantity) * l.unitCost, 0n);
      const last = path[path.length - 1];
      const submitted = path.includes("submitted");
      const [application] = await tx
        .insert(applications)
        .values({
          roundId,
          groupId: group.id,
          status: last,
          step: submitted ? 6 : 2,
          title: `${trade.name}: mở rộng sản xuất`,
          activityType: activity,
          naturalResource: trade.resource,
          location: `${place.village} ${1 + (i % 9)}, ${place.communes[i % 3]}`,
          problem: "Chị em làm ra sản phẩm nhưng bán thô, giá thấp và không đều.",
          plan: "Mua dụng cụ sơ chế, tập huấn kỹ thuật, cùng bán qua hợp tác xã huyện.",
          ownContributionCash: 2_000_000n,
          ownContributionKind: "Ngày công và đất trồng",
          membersTakingPart: size,
          womenTakingPart: Math.max(1, size - 2),
          baselineIncome: BigInt(1_200_000 + (i % 8) * 150_000),
          targetIncome: BigInt(2_000_000 + (i % 8) * 200_000),
          environmentalCare: "Chỉ khai thác một phần, trồng bù sau mỗi vụ, không đốt nương.",
          requestedAmount: requested,
          consentAt: submitted ? submittedAt : null,
          submittedAt: submitted ? submittedAt : null,
          submittedBy: submitted ? facilitatorId : null,
          screening: last === "eligible" || last === "ineligible" ? [{ key: "province", passed: true }, { key: "majorityWomen", passed: last === "eligible" }] : null,
          screeningNote: last === "ineligible" ? "Nhóm chưa có đa số thành viên là nữ." : null,
          reopenedFields: last === "clarification_requested" ? ["plan"] : [],
          createdBy: i === 0 ? leaderId : facilitatorId,
          // Started ten days before it was sent (drafts: ten days before the open round's sendings).
          createdAt: new Date(submittedAt.getTime() - 10 * DAY),
        })
        .returning({ id: applications.id });
      await tx.insert(budgetLines).values(lines.map((l, position) => ({ applicationId: application.id, position, ...l })));
      await writeAudit(tx, { actorId: i === 0 ? leaderId : facilitatorId, action: "application.created", entityType: "application", entityId: application.id, onBehalfOf: i === 0 ? null : `group:${group.id}` });
      if (path.includes("clarification_requested")) {
        const answered = last !== "clarification_requested";
        await tx.insert(clarifications).values({
          applicationId: application.id,
          question: "Nhóm dự định bán sản phẩm ở đâu, với giá bao nhiêu?",
          fields: ["plan"],
          askedBy: adminId,
          answer: answered ? "Bán cho hợp tác xã huyện, khoảng 80.000 đồng một kg." : null,
          answeredBy: answered ? facilitatorId : null,
          answeredAt: answered ? new Date(submittedAt.getTime() + 8 * DAY) : null,
          askedAt: new Date(submittedAt.getTime() + 3 * DAY),
        });
      }
      await advance(tx, application.id, path, { id: i === 0 ? leaderId : facilitatorId, onBehalfOf: i === 0 ? null : `group:${group.id}` }, adminId);
    }
  });
  return { seeded: true };
}
