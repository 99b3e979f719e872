import { randomBytes } from "node:crypto";
import { programmes, rounds, rubricCriteria } from "../../../db/schema";
import { db } from "../../infra/db.server";

// Programmes, rounds and their rubrics, written straight to the test database as the programme
// pages leave them, so each test states only what it varies.

const DAY = 24 * 60 * 60 * 1000;

export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

export async function makeProgramme(overrides: Partial<typeof programmes.$inferInsert> = {}) {
  const [programme] = await db
    .insert(programmes)
    .values({ nameVi: "Sinh kế rừng do phụ nữ làm chủ", nameEn: "Women-led forest livelihoods", donor: "Quỹ thử", totalBudget: 10_000_000_000n, ...overrides })
    .returning();
  return programme;
}

/** An open round in a new programme: Lào Cai and Nghệ An, herbs, forest products, bamboo, crafts. */
export async function makeRound(overrides: Partial<typeof rounds.$inferInsert> & { programme?: Partial<typeof programmes.$inferInsert> } = {}) {
  const { programme: programmeOverrides, ...roundOverrides } = overrides;
  const programmeId = roundOverrides.programmeId ?? (await makeProgramme(programmeOverrides)).id;
  const [round] = await db
    .insert(rounds)
    .values({
      programmeId,
      titleVi: "Vòng 1 năm 2027",
      titleEn: "Round 1, 2027",
      status: "open",
      opensAt: daysFromNow(-10),
      closesAt: daysFromNow(10),
      eligibleProvinces: ["lao-cai", "nghe-an"],
      eligibleActivities: ["medicinal_herbs", "forest_products", "bamboo_rattan", "handicrafts"],
      minGrant: 10_000_000n,
      maxGrant: 100_000_000n,
      budget: 1_000_000_000n,
      trancheTemplate: [{ percent: 100, waitsFor: "signing" }],
      reportSchedule: [],
      ...Object.fromEntries(Object.entries(roundOverrides).filter(([, v]) => v !== undefined)),
    })
    .returning();
  return round;
}

export interface CriterionSpec {
  labelVi: string;
  labelEn: string;
  weight: number;
  maxScore: number;
}

export const defaultCriteria: CriterionSpec[] = [
  { labelVi: "Phụ nữ làm chủ", labelEn: "Women in charge", weight: 3, maxScore: 10 },
  { labelVi: "Kế hoạch khả thi", labelEn: "A feasible plan", weight: 2, maxScore: 5 },
  { labelVi: "Giữ gìn tài nguyên", labelEn: "Keeping the resource", weight: 1, maxScore: 20 },
];

/** A round's rubric, in the order given (the round form numbers criteria from 1). */
export async function makeRubric(roundId: string, criteria: readonly CriterionSpec[] = defaultCriteria, firstPosition = 1) {
  const rows = await db
    .insert(rubricCriteria)
    .values(criteria.map((c, i) => ({ ...c, roundId, position: firstPosition + i })))
    .returning();
  return rows.sort((a, b) => a.position - b.position);
}

/**
 * A round that closed a month ago, with its rubric and a final report a year after acceptance:
 * where reviews, the scoreboard, decisions and grants happen.
 */
export async function makeScoredRound(
  options: {
    budget?: bigint;
    maxGrant?: bigint;
    minGrant?: bigint;
    reviewersPerApplication?: number;
    spreadThreshold?: number;
    title?: string;
    criteria?: CriterionSpec[];
    /** Where the rubric's numbering starts; the scoreboard's figures are keyed by it. */
    firstPosition?: number;
  } = {},
) {
  const budget = options.budget ?? 1_000_000_000n;
  const round = await makeRound({
    programme: { nameVi: "Chương trình thử", nameEn: "Test programme", donor: "Quỹ thử", totalBudget: budget * 10n },
    titleVi: options.title ?? `Vòng thử ${randomBytes(2).toString("hex")}`,
    titleEn: options.title ?? "Test round",
    status: "closed",
    opensAt: daysFromNow(-60),
    closesAt: daysFromNow(-30),
    eligibleProvinces: ["lao-cai"],
    eligibleActivities: ["agroforestry", "medicinal_herbs"],
    minGrant: options.minGrant ?? 1_000_000n,
    maxGrant: options.maxGrant ?? 100_000_000n,
    budget,
    reviewersPerApplication: options.reviewersPerApplication ?? 2,
    spreadThreshold: options.spreadThreshold ?? 20,
    reportSchedule: [{ key: "final", months: 12, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" }],
  });
  const criteria = await makeRubric(round.id, options.criteria ?? defaultCriteria, options.firstPosition ?? 1);
  return { round, criteria, roundId: round.id, criterionIds: criteria.map((c) => c.id) };
}
