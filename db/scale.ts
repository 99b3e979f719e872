import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import {
  applications,
  groupMembers,
  groups,
  programmes,
  reviewAssignments,
  reviewScores,
  rounds,
  rubricCriteria,
  userRoles,
  users,
} from "./schema";
import { seedGrantsDemo } from "./demo-grants";
import { seedReviewsDemo } from "./demo-reviews";
import { seedScaleGrants } from "./scale-grants";
import { seedDemo } from "./seed";
import { db, openDatabase } from "../app/infra/db.server";
import { hashPassword } from "../app/modules/auth/password.server";
import { refreshApplicationScores } from "../app/modules/reviews/application-scores.server";

// Volume for the benchmarks: one closed round with N applications, each with three submitted
// reviews over six criteria. Rows go in with plain batched inserts (no audit rows): this is load
// to measure lists and aggregates against, not a history anyone will read.

const BATCH = 1000;

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function seedScaleRound(count: number, options: { reviewers?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const [creator] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@gieo.test"));
  const [programme] = await db
    .insert(programmes)
    .values({ nameVi: `Chương trình quy mô ${count}`, nameEn: `Scale programme ${count}`, donor: "Benchmark", totalBudget: 10n ** 13n })
    .returning({ id: programmes.id });
  const now = Date.now();
  const [round] = await db
    .insert(rounds)
    .values({
      programmeId: programme.id,
      titleVi: `Vòng quy mô ${count}`,
      titleEn: `Scale round ${count}`,
      status: "closed",
      opensAt: new Date(now - 100 * 86_400_000),
      closesAt: new Date(now - 10 * 86_400_000),
      eligibleProvinces: ["lao-cai", "nghe-an", "quang-ngai", "bac-ninh"],
      eligibleActivities: ["forest_products", "agroforestry", "medicinal_herbs", "handicrafts"],
      minGrant: 10_000_000n,
      maxGrant: 200_000_000n,
      budget: 10n ** 12n,
      reviewersPerApplication: 3,
      trancheTemplate: [{ percent: 100, waitsFor: "signing" }],
      reportSchedule: [{ key: "final", months: 12, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" }],
    })
    .returning({ id: rounds.id });
  const criteria = await db
    .insert(rubricCriteria)
    .values(Array.from({ length: 6 }, (_, i) => ({ roundId: round.id, position: i, labelVi: `Tiêu chí ${i + 1}`, labelEn: `Criterion ${i + 1}`, weight: 1 + (i % 3), maxScore: 10 })))
    .returning({ id: rubricCriteria.id });

  const passwordHash = await hashPassword(randomUUID());
  const reviewerIds = Array.from({ length: options.reviewers ?? 12 }, () => randomUUID());
  await db.insert(users).values(reviewerIds.map((id, i) => ({ id, name: `Scale reviewer ${i + 1}`, email: `scale-reviewer-${i + 1}-${round.id.slice(0, 8)}@gieo.test`, passwordHash })));
  await db.insert(userRoles).values(reviewerIds.map((userId) => ({ userId, role: "reviewer" as const })));

  const provinces = ["lao-cai", "nghe-an", "quang-ngai", "bac-ninh"];
  const activities = ["forest_products", "agroforestry", "medicinal_herbs", "handicrafts"];
  const groupRows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `Nhóm phụ nữ quy mô ${i + 1}`,
    kind: "informal" as const,
    provinceSlug: provinces[i % 4],
    commune: `Xã ${i % 50}`,
    village: `Thôn ${i % 12}`,
    yearFormed: 2015 + (i % 10),
    leaderName: `Lò Thị ${i + 1}`,
    phone: `+8498${String(i).padStart(7, "0")}`,
  }));
  await insertBatched(groupRows, (chunk) => db.insert(groups).values(chunk));
  log(`groups: ${count}`);
  const memberRows = groupRows.flatMap((g, i) =>
    Array.from({ length: 8 }, (_, m) => ({
      groupId: g.id,
      name: `Thành viên ${m + 1} nhóm ${i + 1}`,
      gender: (m < 7 ? "female" : "male") as "female" | "male",
      ethnicityCode: ["08", "09", "03", "14"][i % 4],
      birthYear: 1970 + (m * 4 + i) % 35,
      role: m === 0 ? "leader" : "member",
      consentGivenOn: "2026-01-15",
      consentMethod: "signed" as const,
      consentRecordedBy: creator.id,
    })),
  );
  await insertBatched(memberRows, (chunk) => db.insert(groupMembers).values(chunk));
  log(`members: ${memberRows.length}`);
  const applicationRows = groupRows.map((g, i) => ({
    id: randomUUID(),
    roundId: round.id,
    groupId: g.id,
    status: "eligible" as const,
    step: 6,
    title: `Dự án sinh kế số ${i + 1}`,
    activityType: activities[i % 4],
    naturalResource: "Rừng",
    location: g.village,
    problem: "Thu nhập thấp",
    plan: "Sơ chế và bán chung",
    membersTakingPart: 8,
    womenTakingPart: 7,
    baselineIncome: BigInt(1_000_000 + (i % 20) * 50_000),
    targetIncome: BigInt(2_000_000 + (i % 20) * 50_000),
    environmentalCare: "Khai thác luân phiên",
    requestedAmount: BigInt(20_000_000 + (i % 90) * 1_000_000),
    submittedAt: new Date(now - 20 * 86_400_000),
    consentAt: new Date(now - 20 * 86_400_000),
  }));
  await insertBatched(applicationRows, (chunk) => db.insert(applications).values(chunk));
  log(`applications: ${count}`);
  const assignmentRows = applicationRows.flatMap((a, i) =>
    [0, 1, 2].map((k) => ({
      id: randomUUID(),
      applicationId: a.id,
      reviewerId: reviewerIds[(i + k * 5) % reviewerIds.length],
      status: "submitted" as const,
      noConflictAt: new Date(now - 5 * 86_400_000),
      recommendation: (["fund", "fund_with_conditions", "do_not_fund"] as const)[(i + k) % 3],
      overallComment: "Bench",
      submittedAt: new Date(now - 4 * 86_400_000),
    })),
  );
  await insertBatched(assignmentRows, (chunk) => db.insert(reviewAssignments).values(chunk));
  const scoreRows = assignmentRows.flatMap((a, i) =>
    criteria.map((c, j) => ({ assignmentId: a.id, criterionId: c.id, score: (i * 7 + j * 3) % 11, comment: "ok" })),
  );
  await insertBatched(scoreRows, (chunk) => db.insert(reviewScores).values(chunk));
  // Statistics first: without them the planner takes the fresh tables for tiny ones and the
  // summaries' aggregate runs for minutes.
  await db.execute(sql`analyze applications, review_assignments, review_scores, rubric_criteria`);
  await refreshApplicationScores(db, { roundId: round.id });
  log(`reviews: ${assignmentRows.length}, scores: ${scoreRows.length}`);
  return { roundId: round.id };
}

// `tsx db/scale.ts --applications 5000 [--grants 20000] [--out file.json]`: migrates, seeds the demo data, adds
// the scale round, and prints (or writes) its id. Run it while no server holds the database.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const count = Number(flag("applications") ?? "5000");
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    console.error("--applications takes a whole number from 1 to 100000");
    process.exit(2);
  }
  const database = await openDatabase();
  await seedDemo();
  await seedGrantsDemo();
  await seedReviewsDemo();
  const [draft] = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(users, eq(users.id, groups.ownerId))
    .where(eq(users.email, "group@gieo.test"));
  const result = { ...(await seedScaleRound(count, { log: (line) => console.log(line) })), demoDraftId: draft?.id ?? null };
  // `--grants N`: N grants with tranches and disbursements for the finance pages (db/scale-grants.ts).
  const grantCount = Number(flag("grants") ?? "0");
  if (!Number.isInteger(grantCount) || grantCount < 0 || grantCount > 100_000) {
    console.error("--grants takes a whole number from 0 to 100000");
    process.exit(2);
  }
  if (grantCount > 0) Object.assign(result, await seedScaleGrants(grantCount, { log: (line) => console.log(line) }));
  // Fresh statistics: without them the planner takes the new 100,000-row tables for small ones
  // and the scoreboard's aggregate runs for seconds instead of milliseconds.
  await database.exec("analyze");
  const out = flag("out");
  if (out) (await import("node:fs")).writeFileSync(out, JSON.stringify(result));
  console.log(JSON.stringify(result));
  await database.close();
}
