import { and, asc, eq, gt, lte } from "drizzle-orm";
import { programmes, rounds, rubricCriteria } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";

export type Round = typeof rounds.$inferSelect;

export async function findRound(id: string, tx: DbOrTx = db): Promise<Round | null> {
  const [row] = await tx.select().from(rounds).where(eq(rounds.id, id)).limit(1);
  return row ?? null;
}

/**
 * A round takes submissions when it is open by hand and the clock is within its dates: closing by
 * date needs no job to have run.
 */
export function acceptsSubmissions(round: Pick<Round, "status" | "opensAt" | "closesAt">, now = new Date()): boolean {
  return round.status === "open" && round.opensAt <= now && now < round.closesAt;
}

export async function criteriaOf(roundId: string) {
  return db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(rubricCriteria.position);
}

/** Rounds a group can apply to now, with their programme's names, closing soonest first. */
export async function listOpenRounds(now = new Date()) {
  const rows = await db
    .select({ round: rounds, programme: { nameVi: programmes.nameVi, nameEn: programmes.nameEn, currency: programmes.currency } })
    .from(rounds)
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .where(and(eq(rounds.status, "open"), lte(rounds.opensAt, now), gt(rounds.closesAt, now)))
    .orderBy(asc(rounds.closesAt));
  return rows;
}
