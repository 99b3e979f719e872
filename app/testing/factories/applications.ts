import { randomUUID } from "node:crypto";
import { applications, attachments, budgetLines, clarifications } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { ApplicationStatus } from "../../modules/applications/machine";
import { makeGroup } from "./groups";
import { makeRequiredReviews } from "./reviews";
import { makeScoredRound } from "./rounds";

// Applications with their budget lines, as the wizard and screening leave them.

export interface LineSpec {
  item: string;
  quantity: number;
  unitCost: bigint;
}

/** Two lines asking 50.000.000 ₫ together. */
export const defaultLines: LineSpec[] = [
  { item: "Cây giống sa nhân", quantity: 1000, unitCost: 30_000n },
  { item: "Lưới che nắng", quantity: 20, unitCost: 1_000_000n },
];

/**
 * A complete application, submitted unless told otherwise. `requested` alone asks that amount in
 * one line; `lines` set the lines and the amount follows from them; `values` override any column.
 */
export async function makeApplication(options: {
  roundId: string;
  groupId: string;
  title?: string;
  status?: ApplicationStatus;
  requested?: bigint;
  /** Orders applications that tie on score (earlier first). */
  submittedAt?: Date | null;
  values?: Partial<typeof applications.$inferInsert>;
  lines?: LineSpec[];
}) {
  const lines =
    options.lines ?? (options.requested !== undefined ? [{ item: options.title ?? "Khoản chi", quantity: 1, unitCost: options.requested }] : defaultLines);
  const requested = lines.reduce((sum, l) => sum + BigInt(l.quantity) * l.unitCost, 0n);
  const [application] = await db
    .insert(applications)
    .values({
      roundId: options.roundId,
      groupId: options.groupId,
      status: options.status ?? "submitted",
      step: 6,
      title: options.title ?? "Vườn ươm cây thuốc dưới tán rừng",
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
      submittedAt: options.submittedAt === undefined ? new Date() : options.submittedAt,
      ...options.values,
    })
    .returning();
  if (lines.length > 0) {
    await db.insert(budgetLines).values(lines.map((l, i) => ({ applicationId: application.id, position: i + 1, ...l })));
  }
  return application;
}

/** An application that passed screening and waits for its reviews: 400 seedlings, 48.000.000 ₫. */
export async function makeEligibleApplication(roundId: string, groupId: string, overrides: Partial<typeof applications.$inferInsert> = {}) {
  return makeApplication({
    roundId,
    groupId,
    status: "eligible",
    lines: [{ item: "Cây giống", quantity: 400, unitCost: 120_000n }],
    values: {
      naturalResource: "Cây thuốc bản địa",
      problem: "Cây thuốc mọc tự nhiên bị khai thác quá mức.",
      plan: "Lập vườn ươm chung, mỗi thành viên chăm một luống.",
      environmentalCare: "Chỉ thu hái một phần ba, để lại cây mẹ.",
      membersTakingPart: 3,
      womenTakingPart: 2,
      ownContributionCash: 0n,
      ownContributionKind: "",
      ...overrides,
    },
  });
}

/** An attachment's metadata as an upload leaves it (the file itself is not stored). */
export async function makeAttachment(applicationId: string, uploadedBy: string, overrides: Partial<typeof attachments.$inferInsert> = {}) {
  const [row] = await db
    .insert(attachments)
    .values({
      applicationId,
      kind: "quote",
      originalName: "bao-gia.pdf",
      storageKey: `test/${randomUUID()}.pdf`,
      mime: "application/pdf",
      size: 20_480,
      uploadedBy,
      ...overrides,
    })
    .returning();
  return row;
}

/**
 * Screening's question reopening `fields`. Only the clarification row: the application's status
 * and reopened fields are the test's to set (as screening does in one step).
 */
export async function makeClarification(applicationId: string, askedBy: string, fields: string[], question = "Lò sấy giá bao nhiêu?") {
  const [row] = await db.insert(clarifications).values({ applicationId, question, fields, askedBy }).returning();
  return row;
}

/**
 * A closed round with a one-criterion rubric and `count` eligible, fully reviewed applications each asking `award`
 * (the round's maximum), each from its own group ("Nhóm 0", …, "Hồ sơ 0", …): where approvals
 * meet the round's budget.
 */
export async function makeRoundWithApplications(options: { budget: bigint; award: bigint; count: number }) {
  const { roundId } = await makeScoredRound({
    budget: options.budget,
    maxGrant: options.award,
    criteria: [{ labelVi: "X", labelEn: "X", weight: 1, maxScore: 5 }],
  });
  const ids: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const groupId = (await makeGroup({ name: `Nhóm ${i}` })).id;
    const id = (await makeApplication({ status: "eligible", roundId, groupId, title: `Hồ sơ ${i}`, requested: options.award })).id;
    // Reviewed as the round requires, so a decision need not wait.
    await makeRequiredReviews(id);
    ids.push(id);
  }
  return { roundId, ids };
}
