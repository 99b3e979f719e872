import { and, desc, eq, sql } from "drizzle-orm";
import { grantVersions, rounds, type PlannedReport, type PlannedTranche } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Grant } from "../grants/grant-reads.server";
import { reportPlanOf } from "../outcomes/report-plan.server";

/** A version's terms, as the agreement states them. */
export interface Terms {
  awardedAmount: bigint;
  conditions: string;
  endsOn: string | null;
  tranches: PlannedTranche[];
  reports: PlannedReport[];
}

/** The terms the grant holds now, from its own rows (its version in force gives only the end date). */
export async function currentTerms(grant: Pick<Grant, "id" | "awardedAmount" | "conditions" | "tranches">, tx: DbOrTx = db): Promise<Terms> {
  const [latest] = await tx
    .select({ endsOn: grantVersions.endsOn })
    .from(grantVersions)
    .where(and(eq(grantVersions.grantId, grant.id), eq(grantVersions.status, "accepted")))
    .orderBy(desc(grantVersions.version))
    .limit(1);
  const reports = await reportPlanOf(grant.id, tx);
  return {
    awardedAmount: grant.awardedAmount,
    conditions: grant.conditions,
    endsOn: latest?.endsOn ?? null,
    tranches: grant.tranches.map((t) => ({ trancheId: t.id, amount: t.amount.toString(), waitsFor: t.waitsFor })),
    reports: reports.map((r) => ({ key: r.key, months: r.months })),
  };
}

/** What the round can still award: its budget less what it has committed (migration 0026). */
export async function roundRoom(tx: DbOrTx, roundId: string): Promise<bigint> {
  const [row] = await tx.select({ room: sql<string>`${rounds.budget} - gieo_round_committed(${rounds.id})` }).from(rounds).where(eq(rounds.id, roundId));
  return BigInt(row?.room ?? "0");
}
