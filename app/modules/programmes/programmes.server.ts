import { and, asc, count, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { applications, programmes, provinces, rounds } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { notFoundUnless } from "../auth/guards.server";
import type { ProgrammeInput } from "./programmes.schema";
import type { ProvinceChoice } from "./round-values";

export type Programme = typeof programmes.$inferSelect;

const allocated = sql<bigint>`coalesce(sum(${rounds.budget}), 0)::bigint`.mapWith((v: string | bigint) => BigInt(v));

/** Programmes, newest first, with how much of each budget its rounds have taken. */
export async function listProgrammes() {
  return db
    .select({
      programme: programmes,
      allocated,
      roundCount: count(rounds.id),
    })
    .from(programmes)
    .leftJoin(rounds, eq(rounds.programmeId, programmes.id))
    .groupBy(programmes.id)
    .orderBy(desc(programmes.createdAt));
}

export async function findProgramme(id: string, tx: DbOrTx = db): Promise<Programme | null> {
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id)).limit(1);
  return row ?? null;
}

/** The rounds of a programme, latest opening first, with how many applications each has. */
export async function listRoundsOf(programmeId: string) {
  // Counted here rather than through the applications module: a read of one number, no rule of theirs.
  // A join, not a correlated subquery: in a select from one table drizzle writes columns without
  // their table, so `round_id = id` inside a subquery compared the application with itself (0).
  return db
    .select({ round: rounds, applicationCount: count(applications.id) })
    .from(rounds)
    .leftJoin(applications, eq(applications.roundId, rounds.id))
    .where(eq(rounds.programmeId, programmeId))
    .groupBy(rounds.id)
    .orderBy(desc(rounds.opensAt));
}

/**
 * What the programme has left for a round: its total budget less the budgets of its other rounds.
 * Called inside a transaction after locking the programme, it is the figure the write relies on.
 */
export async function budgetLeft(programmeId: string, exceptRoundId: string | null, tx: DbOrTx = db): Promise<bigint> {
  const conditions: SQL[] = [eq(rounds.programmeId, programmeId)];
  if (exceptRoundId) conditions.push(ne(rounds.id, exceptRoundId));
  const [programme] = await tx.select({ total: programmes.totalBudget }).from(programmes).where(eq(programmes.id, programmeId));
  const [taken] = await tx.select({ sum: allocated }).from(rounds).where(and(...conditions));
  return (programme?.total ?? 0n) - (taken?.sum ?? 0n);
}

/** Locks the programme row: rounds are added or resized one at a time, so budgets never overrun. */
export async function lockProgramme(tx: DbOrTx, id: string): Promise<Programme | null> {
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id)).for("update");
  return row ?? null;
}

export async function createProgramme(input: ProgrammeInput, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(programmes)
      .values({ ...input, createdBy: actor.user.id })
      .returning({ id: programmes.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "programme.created",
      entityType: "programme",
      entityId: row.id,
      ip: actor.ip,
      data: { ...input, totalBudget: input.totalBudget.toString() },
    });
    return row.id;
  });
}

/** Saves a programme's names, donor and budget; the budget may not fall below what its rounds hold. */
export async function updateProgramme(id: string, input: ProgrammeInput, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const before = await lockProgramme(tx, id);
    notFoundUnless(before);
    const [taken] = await tx.select({ sum: allocated }).from(rounds).where(eq(rounds.programmeId, id));
    if (input.totalBudget < (taken?.sum ?? 0n)) refuse(400, { totalBudget: "programmes.errors.totalBelowRounds" });
    await tx.update(programmes).set(input).where(eq(programmes.id, id));
    const fields = ["nameVi", "nameEn", "donor", "currency", "totalBudget"] as const;
    const changed = fields.filter((f) => before[f] !== input[f]);
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "programme.updated",
      entityType: "programme",
      entityId: id,
      ip: actor.ip,
      data: {
        before: Object.fromEntries(changed.map((f) => [f, String(before[f])])),
        after: Object.fromEntries(changed.map((f) => [f, String(input[f])])),
      },
    });
    return {};
  });
}

/** The 34 provinces a round may name, in alphabetical order of their plain (English) names. */
export async function provinceChoices(): Promise<ProvinceChoice[]> {
  return db
    .select({ slug: provinces.slug, nameVi: provinces.nameVi, nameEn: provinces.nameEn })
    .from(provinces)
    .orderBy(asc(provinces.nameEn));
}
