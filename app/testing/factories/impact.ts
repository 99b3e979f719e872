import { eq } from "drizzle-orm";
import { applications, grants, groups, rounds } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeDisbursement } from "./disbursements";
import { makeGrant } from "./grants";
import { makeMembers } from "./groups";
import { makeOutcomeReport } from "./outcomes";
import { makeUser } from "./users";

// A small programme whose figures can be worked out by hand (impact tests). One round, seven
// grants (G1…G7) plus a cancelled one (G8) that must count nowhere, and a second round in another
// programme (G9) for the filters. Outcome reports and disbursements are written straight into their
// tables (makeOutcomeReport, makeDisbursement): they are test setup, not the outcomes or
// disbursements modules' work.
//
//  grant province    activity         members (ethnic codes)    baseline   approved reports       latest     change     %
//  G1    lao-cai     agroforestry     08 08 08                 1,000,000  m6 1.1M, final 1.3M    1,300,000  +300,000   +30
//  G2    lao-cai     agroforestry     08 08 09                 2,000,000  m6 1.8M (final only     1,800,000  −200,000   −10
//                                                                          submitted: 2.5M)
//  G3    son-la      handicrafts      03 03 03 03              1,500,000  m6 1.5M                1,500,000  0          0
//  G4    son-la      handicrafts      03 03 03 01(man)           800,000  m6 1.0M, final 1.6M    1,600,000  +800,000   +100
//  G5    quang-ngai  medicinal_herbs  14 14 14 14 14           1,200,000  m6 1.5M                1,500,000  +300,000   +25
//  G6    quang-ngai  medicinal_herbs  13 13 (not said)         1,000,000  m6 2.0M, final 2.6M    2,600,000  +1,600,000 +160
//  G7    lao-cai     forest_products  08 08                      900,000  none (m6 changes asked) —          —          —
//
// Awards (million đồng): G1 50, G2 60, G3 40, G4 30, G5 70, G6 45, G7 25 = 320; G8 99 (cancelled).
// Disbursements: G1 t1 30 paid; G2 t1 36 paid, t2 24 prepared; G4 t1 18 paid, t2 12 paid;
// G5 t1 42 failed. Paid = 30 + 36 + 18 + 12 = 96 million; 6 disbursements.
// Women earning (latest approved report giving the figure): G1 7, G2 8 (m6 left it blank, so the
// baseline's), G3 4, G4 9, G5 12, G6 5, G7 7 (baseline's) = 52.

export const M = 1_000_000n;

interface GrantSpec {
  name: string;
  province: string;
  activity: string;
  members: (string | null)[];
  award: bigint;
  baseline: bigint;
  baselineWomen: number;
  m6?: { status: "approved" | "submitted" | "changes_requested"; income: bigint; women: number | null };
  final?: { status: "approved" | "submitted"; income: bigint; women: number | null };
}

export const IMPACT_SPECS: GrantSpec[] = [
  { name: "G1 Nhóm quế Tả Van", province: "lao-cai", activity: "agroforestry", members: ["08", "08", "08"], award: 50n * M, baseline: 1_000_000n, baselineWomen: 5, m6: { status: "approved", income: 1_100_000n, women: 6 }, final: { status: "approved", income: 1_300_000n, women: 7 } },
  { name: "G2 Nhóm thảo quả Bản Hồ", province: "lao-cai", activity: "agroforestry", members: ["08", "08", "09"], award: 60n * M, baseline: 2_000_000n, baselineWomen: 8, m6: { status: "approved", income: 1_800_000n, women: null }, final: { status: "submitted", income: 2_500_000n, women: 9 } },
  { name: "G3 Nhóm dệt Mường La", province: "son-la", activity: "handicrafts", members: ["03", "03", "03", "03"], award: 40n * M, baseline: 1_500_000n, baselineWomen: 4, m6: { status: "approved", income: 1_500_000n, women: 4 } },
  { name: "G4 Nhóm thổ cẩm Chiềng", province: "son-la", activity: "handicrafts", members: ["03", "03", "03", "01"], award: 30n * M, baseline: 800_000n, baselineWomen: 6, m6: { status: "approved", income: 1_000_000n, women: 6 }, final: { status: "approved", income: 1_600_000n, women: 9 } },
  { name: "G5 Nhóm sâm Ngọc Linh", province: "quang-ngai", activity: "medicinal_herbs", members: ["14", "14", "14", "14", "14"], award: 70n * M, baseline: 1_200_000n, baselineWomen: 10, m6: { status: "approved", income: 1_500_000n, women: 12 } },
  { name: "G6 Nhóm dược liệu Kon Plông", province: "quang-ngai", activity: "medicinal_herbs", members: ["13", "13", null], award: 45n * M, baseline: 1_000_000n, baselineWomen: 3, m6: { status: "approved", income: 2_000_000n, women: 5 }, final: { status: "approved", income: 2_600_000n, women: 5 } },
  // Its name could start a formula in a spreadsheet: the exports must defuse it.
  { name: "=1+2 Nhóm măng Sa Pa", province: "lao-cai", activity: "forest_products", members: ["08", "08"], award: 25n * M, baseline: 900_000n, baselineWomen: 7, m6: { status: "changes_requested", income: 1_000_000n, women: 9 } },
];

function writeReport(grantId: string, key: string, months: number, status: "pending" | "approved" | "submitted" | "changes_requested", income: bigint | null, women: number | null) {
  return makeOutcomeReport({ grantId, key, months, status, income, women });
}

export async function makeImpactFixture(options: { ownerId?: string; facilitatorIds?: string[] } = {}) {
  const [preparer, approver] = [await makeUser(["finance"]), await makeUser(["finance"])];
  const recorder = await makeUser(["facilitator"]);
  const made: Awaited<ReturnType<typeof makeGrant>>[] = [];
  let roundId: string | undefined;
  for (const [i, spec] of IMPACT_SPECS.entries()) {
    // G1 belongs to the given leader and facilitators (the access tests).
    const grant = await makeGrant({ award: spec.award, roundId, ...(i === 0 ? options : {}) });
    roundId ??= grant.roundId;
    made.push(grant);
    await db.update(groups).set({ name: spec.name, provinceSlug: spec.province }).where(eq(groups.id, grant.groupId));
    await db.update(applications).set({ activityType: spec.activity, baselineIncome: spec.baseline, membersTakingPart: spec.baselineWomen + 2, womenTakingPart: spec.baselineWomen }).where(eq(applications.id, grant.applicationId));
    await db.update(grants).set({ status: "active", acceptedAt: new Date("2025-01-15T03:00:00Z") }).where(eq(grants.id, grant.grantId));
    await makeMembers(
      grant.groupId,
      recorder.id,
      spec.members.map((code, m) => ({
        gender: code === "01" ? "male" : "female",
        ethnicityCode: code,
        role: m === 0 ? "leader" : "member",
        consentGivenOn: "2025-01-10",
      })),
    );
    await writeReport(grant.grantId, "baseline", 0, "approved", spec.baseline, spec.baselineWomen);
    await writeReport(grant.grantId, "m6", 6, spec.m6?.status ?? "pending", spec.m6?.income ?? null, spec.m6?.women ?? null);
    await writeReport(grant.grantId, "final", 12, spec.final?.status ?? "pending", spec.final?.income ?? null, spec.final?.women ?? null);
  }
  // G6's project title could start a formula too.
  await db.update(applications).set({ title: "-3+cmd|' /C calc'!A0" }).where(eq(applications.id, made[5].applicationId));

  const pay = (i: number, tranche: number, amount: bigint, status: "paid" | "prepared" | "failed") =>
    makeDisbursement({
      grantId: made[i].grantId,
      trancheId: made[i].trancheIds[tranche],
      amount,
      status,
      preparedBy: preparer.id,
      approvedBy: approver.id,
      paidOn: "2025-02-01",
      paidAt: new Date("2025-02-01T03:00:00Z"),
      bankReference: `FT${i}${tranche}`,
    });
  await pay(0, 0, 30n * M, "paid");
  await pay(1, 0, 36n * M, "paid");
  await pay(1, 1, 24n * M, "prepared");
  await pay(3, 0, 18n * M, "paid");
  await pay(3, 1, 12n * M, "paid");
  await pay(4, 0, 42n * M, "failed");

  // G8: cancelled, in the same round, with a paid-looking report: counts nowhere.
  const cancelled = await makeGrant({ award: 99n * M, roundId });
  await db.update(grants).set({ status: "cancelled" }).where(eq(grants.id, cancelled.grantId));
  await writeReport(cancelled.grantId, "m6", 6, "approved", 9_000_000n, 99);

  // G9: another programme's round.
  const other = await makeGrant({ award: 100n * M });
  await db.update(grants).set({ status: "active", acceptedAt: new Date("2025-03-01T03:00:00Z") }).where(eq(grants.id, other.grantId));
  await db.update(applications).set({ activityType: "livestock", baselineIncome: 1_000_000n }).where(eq(applications.id, other.applicationId));
  await writeReport(other.grantId, "baseline", 0, "approved", 1_000_000n, 2);
  await writeReport(other.grantId, "m6", 6, "approved", 1_100_000n, 3);

  const [round] = await db.select({ programmeId: rounds.programmeId }).from(rounds).where(eq(rounds.id, roundId!));
  const [otherRound] = await db.select({ programmeId: rounds.programmeId }).from(rounds).where(eq(rounds.id, other.roundId));
  return {
    roundId: roundId!,
    programmeId: round.programmeId,
    grants: made,
    cancelled,
    other: { ...other, programmeId: otherRound.programmeId },
  };
}
