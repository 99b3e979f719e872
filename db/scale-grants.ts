import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { applications, disbursements, grants, groups, programmes, rounds, tranches, users } from "./schema";
import { encrypt, sealedAt } from "../app/infra/crypto.server";
import { db } from "../app/infra/db.server";
import { splitTranches } from "../app/modules/grants/tranche-split";
import { createReportSchedule } from "../app/modules/outcomes/schedule.server";

// Volume for the finance benchmarks (issue #5, "Speed"): N grants in one round of their own, each
// from an approved application, with three tranches (signing, month-6 report, final report) and a
// realistic mix of disbursements: most first tranches paid by one of the three methods, some
// waiting for approval or payment, a few failed or reversed by Stripe, later tranches paid for the
// older grants, a tenth of grants still awaiting acceptance. Deterministic (by index), plain
// batched inserts, no audit rows and no decisions rows (the decisions' budget trigger re-sums the
// round for every row): load to measure the finance queue and ledgers against.

const BATCH = 1000;
const DAY = 86_400_000;

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

type Status = (typeof disbursements.$inferInsert)["status"];
type Method = (typeof disbursements.$inferInsert)["method"];

export async function seedScaleGrants(count: number, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const finance = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ["finance@gieo.test", "finance2@gieo.test"]));
  const preparer = finance.find((f) => f.email === "finance@gieo.test")?.id;
  const approver = finance.find((f) => f.email === "finance2@gieo.test")?.id;
  if (!preparer || !approver) throw new Error("seed the demo accounts first (finance@ and finance2@)");
  const now = Date.now();
  const template = [
    { percent: 50, waitsFor: "signing" as const },
    { percent: 30, waitsFor: { report: "m6" } },
    { percent: 20, waitsFor: { report: "final" } },
  ];
  const [programme] = await db
    .insert(programmes)
    .values({ nameVi: `Chương trình tài trợ quy mô ${count}`, nameEn: `Grants at scale ${count}`, donor: "Benchmark", totalBudget: 10n ** 13n })
    .returning({ id: programmes.id });
  const [round] = await db
    .insert(rounds)
    .values({
      programmeId: programme.id,
      titleVi: `Vòng tài trợ quy mô ${count}`,
      titleEn: `Grant round at scale ${count}`,
      status: "closed",
      opensAt: new Date(now - 400 * DAY),
      closesAt: new Date(now - 370 * DAY),
      eligibleProvinces: ["lao-cai", "nghe-an", "quang-ngai", "bac-ninh"],
      eligibleActivities: ["forest_products", "agroforestry", "medicinal_herbs", "handicrafts"],
      minGrant: 10_000_000n,
      maxGrant: 200_000_000n,
      budget: 10n ** 13n,
      reviewersPerApplication: 3,
      trancheTemplate: template,
      reportSchedule: [
        { key: "m6", months: 6, labelVi: "Báo cáo tháng thứ 6", labelEn: "Month-6 report" },
        { key: "final", months: 12, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" },
      ],
    })
    .returning({ id: rounds.id });

  const banks = ["Agribank", "BIDV", "VietinBank", "Vietcombank"];
  const provinces = ["lao-cai", "nghe-an", "quang-ngai", "bac-ninh"];
  const groupRows = Array.from({ length: count }, () => randomUUID()).map((id, i) => ({
    id,
    name: `Nhóm tài trợ quy mô ${i + 1}`,
    kind: "informal" as const,
    provinceSlug: provinces[i % 4],
    commune: `Xã ${i % 50}`,
    village: `Thôn ${i % 12}`,
    yearFormed: 2015 + (i % 10),
    leaderName: `Hà Thị ${i + 1}`,
    phone: `+8497${String(i).padStart(7, "0")}`,
    bankName: banks[i % 4],
    // Each sealed to its own row, as the app seals them (one AES-GCM call each: milliseconds).
    bankAccountEnc: encrypt("1234567890123", sealedAt("groups", "bank_account_enc", id)),
    bankAccountLast4: "0123",
    stripeAccountId: i % 3 === 0 ? `acct_scale${String(i).padStart(10, "0")}` : null,
  }));
  await insertBatched(groupRows, (chunk) => db.insert(groups).values(chunk));
  const applicationRows = groupRows.map((g, i) => ({
    id: randomUUID(),
    roundId: round.id,
    groupId: g.id,
    status: "approved" as const,
    step: 6,
    title: `Dự án được tài trợ số ${i + 1}`,
    activityType: "agroforestry",
    naturalResource: "Rừng",
    location: g.village,
    problem: "Thu nhập thấp",
    plan: "Sơ chế và bán chung",
    membersTakingPart: 8,
    womenTakingPart: 7,
    baselineIncome: 1_500_000n,
    targetIncome: 2_500_000n,
    environmentalCare: "Khai thác luân phiên",
    requestedAmount: BigInt(30_000_000 + (i % 90) * 1_000_000),
    submittedAt: new Date(now - 380 * DAY),
    consentAt: new Date(now - 380 * DAY),
  }));
  await insertBatched(applicationRows, (chunk) => db.insert(applications).values(chunk));
  log(`grant groups and approved applications: ${count}`);

  // Where each grant stands, by its index: a tenth awaiting acceptance, the month-6 condition met
  // for two in five, the final one for one in ten (those mostly completed).
  const grantRows = applicationRows.map((a, i) => {
    const accepted = i % 10 !== 9;
    const completed = accepted && i % 10 === 0;
    const acceptedAt = new Date(now - (30 + (i % 330)) * DAY);
    return {
      id: randomUUID(),
      applicationId: a.id,
      roundId: round.id,
      groupId: a.groupId,
      awardedAmount: a.requestedAmount,
      status: (completed ? "completed" : accepted ? "active" : "awaiting_acceptance") as "completed" | "active" | "awaiting_acceptance",
      acceptedAt: accepted ? acceptedAt : null,
      acceptedBy: null,
      createdAt: new Date(now - 370 * DAY),
    };
  });
  const trancheRows = grantRows.flatMap((g, i) =>
    splitTranches(g.awardedAmount, template).map((t) => {
      const met =
        g.status !== "awaiting_acceptance" && (t.position === 1 || (t.position === 2 && (i % 5 < 2 || g.status === "completed")) || (t.position === 3 && g.status === "completed"));
      return { ...t, id: randomUUID(), grantId: g.id, conditionMetAt: met ? new Date((g.acceptedAt ?? new Date(now)).getTime() + (t.position - 1) * 180 * DAY) : null };
    }),
  );
  // Grants and their tranches together, batch by batch: the tranches' sum is checked at commit.
  // Each grant gets its outcome reports' schedule, as every approval does (else the outcome
  // demo's start-up backfill would make them, one by one, while the server waits).
  for (let i = 0; i < grantRows.length; i += BATCH) {
    const chunk = grantRows.slice(i, i + BATCH);
    const ids = new Set(chunk.map((g) => g.id));
    await db.transaction(async (tx) => {
      await tx.insert(grants).values(chunk);
      await tx.insert(tranches).values(trancheRows.filter((t) => ids.has(t.grantId)));
      for (const g of chunk) await createReportSchedule(tx, g.id, g.applicationId, g.roundId);
    });
  }
  log(`grants: ${grantRows.length}, tranches: ${trancheRows.length}`);

  // One disbursement per met tranche (or none: a tenth of first tranches are still to prepare).
  const methods: Method[] = ["bank_transfer", "cash", "stripe"];
  const disbursementRows = trancheRows.flatMap((t, k) => {
    if (!t.conditionMetAt) return [];
    const i = Math.floor(k / 3);
    const g = grantRows[i];
    const method = groupRows[i].stripeAccountId ? "stripe" : methods[i % 2];
    let status: Status = "paid";
    if (g.status === "active" && t.position === 1) {
      const r = i % 40;
      if (r < 4) return [];
      status = r < 6 ? "prepared" : r < 8 ? "approved" : r === 8 ? "processing" : r === 9 ? "failed" : r === 10 ? "reversed" : "paid";
    } else if (g.status === "active" && t.position === 2) {
      const r = i % 7;
      if (r < 3) return [];
      if (r === 3) status = "prepared";
    }
    const preparedAt = new Date(t.conditionMetAt.getTime() + 2 * DAY);
    const approved = status !== "prepared";
    const paidAt = status === "paid" || status === "reversed" ? new Date(preparedAt.getTime() + 3 * DAY) : null;
    return [
      {
        grantId: t.grantId,
        trancheId: t.id,
        amount: t.amount,
        method: status === "failed" || status === "reversed" || status === "processing" ? ("stripe" as const) : method,
        recipientName: groupRows[i].leaderName,
        bankBin: method === "bank_transfer" ? "970405" : null,
        status,
        preparedBy: preparer,
        preparedAt,
        approvedBy: approved ? approver : null,
        approvedAt: approved ? new Date(preparedAt.getTime() + DAY) : null,
        paidAt,
        paidOn: paidAt && method !== "stripe" ? paidAt.toISOString().slice(0, 10) : null,
        bankReference: status === "paid" && method === "bank_transfer" ? `FT${String(k).padStart(10, "0")}` : null,
        stripeTransferId: method === "stripe" && paidAt ? `tr_scale_${String(k).padStart(10, "0")}` : null,
        failureMessage: status === "failed" ? "Your destination account has insufficient capabilities." : status === "reversed" ? "The transfer was reversed." : null,
        updatedAt: paidAt ?? preparedAt,
      },
    ];
  });
  await insertBatched(disbursementRows, (chunk) => db.insert(disbursements).values(chunk));
  log(`disbursements: ${disbursementRows.length}`);
  // A grant with a full history for the ledger's benchmark: completed, three tranches paid.
  const sample = grantRows.find((g) => g.status === "completed") ?? grantRows[0];
  const [check] = await db.select({ id: grants.id }).from(grants).where(eq(grants.id, sample.id));
  return { grantsRoundId: round.id, sampleGrantId: check?.id ?? null };
}
