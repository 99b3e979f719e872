import { asc, eq, sql } from "drizzle-orm";
import { disbursements, grants, moneyReturns, programmes, rounds } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { peopleOrder } from "../../infra/people-order.server";

// Per round and per programme (issue #5, "what finance sees"): money committed to grants, paid
// out, and left to pay. A cancelled grant commits nothing, a terminated one only what it had paid
// (the rest went back to the round); only paid disbursements count as paid (a reversed transfer
// came back).

export interface Totals {
  committed: bigint;
  paid: bigint;
  left: bigint;
}

export async function roundTotals() {
  const committedByRound = db
    .select({
      roundId: grants.roundId,
      committed: sql<string>`sum(${grants.awardedAmount} - ${grants.releasedAmount}) filter (where ${grants.status} <> 'cancelled')`.as("committed"),
      grantCount: sql<number>`count(*) filter (where ${grants.status} <> 'cancelled')`.as("grant_count"),
    })
    .from(grants)
    .groupBy(grants.roundId)
    .as("committed_by_round");
  // Net money (issue 14): paid disbursements less approved money returns.
  const paidByRound = db
    .select({
      roundId: grants.roundId,
      paid: sql<string>`sum(${disbursements.amount}) - coalesce((select sum(r.amount) from ${moneyReturns} r
        join ${grants} g on g.id = r.grant_id where g.round_id = ${grants.roundId} and r.status = 'approved'), 0)`.as("paid"),
    })
    .from(disbursements)
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .where(eq(disbursements.status, "paid"))
    .groupBy(grants.roundId)
    .as("paid_by_round");
  const rows = await db
    .select({
      programmeId: programmes.id,
      programmeVi: programmes.nameVi,
      programmeEn: programmes.nameEn,
      roundId: rounds.id,
      roundVi: rounds.titleVi,
      roundEn: rounds.titleEn,
      budget: rounds.budget,
      grantCount: sql<number>`coalesce(${committedByRound.grantCount}, 0)::int`,
      committed: sql<string>`coalesce(${committedByRound.committed}, 0)::text`,
      paid: sql<string>`coalesce(${paidByRound.paid}, 0)::text`,
    })
    .from(rounds)
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .leftJoin(committedByRound, eq(committedByRound.roundId, rounds.id))
    .leftJoin(paidByRound, eq(paidByRound.roundId, rounds.id))
    .orderBy(...peopleOrder(programmes.nameVi), asc(programmes.id), asc(rounds.opensAt), asc(rounds.id));

  const byProgramme = new Map<
    string,
    { id: string; nameVi: string; nameEn: string; totals: Totals; rounds: { id: string; titleVi: string; titleEn: string; budget: bigint; grantCount: number; totals: Totals }[] }
  >();
  for (const row of rows) {
    const committed = BigInt(row.committed);
    const paid = BigInt(row.paid);
    const programme = byProgramme.get(row.programmeId) ?? {
      id: row.programmeId,
      nameVi: row.programmeVi,
      nameEn: row.programmeEn,
      totals: { committed: 0n, paid: 0n, left: 0n },
      rounds: [],
    };
    programme.rounds.push({
      id: row.roundId,
      titleVi: row.roundVi,
      titleEn: row.roundEn,
      budget: row.budget,
      grantCount: row.grantCount,
      totals: { committed, paid, left: committed - paid },
    });
    programme.totals = {
      committed: programme.totals.committed + committed,
      paid: programme.totals.paid + paid,
      left: programme.totals.left + committed - paid,
    };
    byProgramme.set(row.programmeId, programme);
  }
  return [...byProgramme.values()];
}
