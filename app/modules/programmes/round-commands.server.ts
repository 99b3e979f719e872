import { asc, count, eq, inArray } from "drizzle-orm";
import { applications, rounds, rubricCriteria, type ReportScheduleItem, type TrancheTemplateItem } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { constraintViolated } from "../../kernel/command.server";
import { writeAudit } from "../audit/audit.server";
import { recordTransition, TransitionError } from "../audit/transitions.server";
import { notFoundUnless } from "../auth/guards.server";
import type { Role } from "../auth/permissions";
import { refreshApplicationScores } from "../reviews/application-scores.server";
import { budgetLeft, lockProgramme, type Actor, type Outcome } from "./programmes.server";
import type { RoundInput } from "./programmes.schema";
import { SIGNING } from "./round-values";
import { roundTransitions, type RoundStatus } from "./transitions";

export interface StaffActor extends Actor {
  roles: readonly Role[];
}

type RoundRow = typeof rounds.$inferSelect;
type CriterionInput = RoundInput["criteria"][number];

/** The round's own columns, as the form gives them. */
function roundColumns(input: RoundInput) {
  return {
    titleVi: input.titleVi,
    titleEn: input.titleEn,
    descriptionVi: input.descriptionVi,
    descriptionEn: input.descriptionEn,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    eligibleProvinces: [...input.provinces].sort(),
    eligibleActivities: [...input.activities].sort(),
    minGrant: input.minGrant,
    maxGrant: input.maxGrant,
    budget: input.budget,
    reviewersPerApplication: input.reviewersPerApplication,
    trancheTemplate: input.tranches.map(
      (t): TrancheTemplateItem => ({ percent: t.percent, waitsFor: t.waitsFor === SIGNING ? SIGNING : { report: t.waitsFor } }),
    ),
    reportSchedule: input.reports.map((r): ReportScheduleItem => ({ key: r.key, months: r.months, labelVi: r.labelVi, labelEn: r.labelEn })),
  };
}

type RoundColumns = ReturnType<typeof roundColumns>;

/** The columns as the audit log keeps them: JSON has no bigint, and dates are read as ISO text. */
function auditView(round: RoundColumns): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(round).map(([key, value]) => [
      key,
      typeof value === "bigint" ? value.toString() : value instanceof Date ? value.toISOString() : value,
    ]),
  );
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, which is not a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function criterionView(c: CriterionInput) {
  return { labelVi: c.labelVi, labelEn: c.labelEn, guidanceVi: c.guidanceVi, guidanceEn: c.guidanceEn, weight: c.weight, maxScore: c.maxScore };
}

export async function countApplications(roundId: string, tx: DbOrTx = db): Promise<number> {
  // A read of one number from the applications table; their rules stay in their module.
  const [row] = await tx.select({ n: count() }).from(applications).where(eq(applications.roundId, roundId));
  return row?.n ?? 0;
}

/** Creates a round in a programme, with its rubric; refused if the programme's budget would overrun. */
export async function createRound(programmeId: string, input: RoundInput, actor: Actor): Promise<Outcome<{ id: string }>> {
  return db.transaction(async (tx) => {
    notFoundUnless(await lockProgramme(tx, programmeId));
    if (input.budget > (await budgetLeft(programmeId, null, tx))) {
      return { ok: false, errors: { budget: "programmes.errors.budgetOverProgramme" } };
    }
    const columns = roundColumns(input);
    const [row] = await tx
      .insert(rounds)
      .values({ programmeId, ...columns })
      .returning({ id: rounds.id });
    await tx.insert(rubricCriteria).values(input.criteria.map((c, i) => ({ roundId: row.id, position: i + 1, ...criterionView(c) })));
    await writeAudit(tx, {
      actorId: actor.id,
      action: "round.created",
      entityType: "round",
      entityId: row.id,
      ip: actor.ip,
      data: { programmeId, ...auditView(columns), criteria: input.criteria.map(criterionView) },
    });
    return { ok: true, id: row.id };
  });
}

export type UpdateOutcome = Outcome & { rubricWarning?: number };

/**
 * Saves every field of a round. Its budget is checked against the programme under a lock. When
 * applications exist, a changed rubric is saved only if the admin ticked `confirmRubricChange`:
 * the first save answers with the warning and writes nothing.
 */
export async function updateRound(roundId: string, input: RoundInput, actor: Actor): Promise<UpdateOutcome> {
  try {
    return await saveRound(roundId, input, actor);
  } catch (error) {
    // The database holds the awards to the budget (migration 0017), whoever approved them and
    // however recently: a budget below them is the admin's to correct, not a fault.
    if (constraintViolated(error) === "rounds_budget_covers_awards") {
      return { ok: false, errors: { budget: "programmes.errors.budgetBelowAwards" } };
    }
    throw error;
  }
}

async function saveRound(roundId: string, input: RoundInput, actor: Actor): Promise<UpdateOutcome> {
  return db.transaction(async (tx): Promise<UpdateOutcome> => {
    const [found] = await tx.select({ programmeId: rounds.programmeId }).from(rounds).where(eq(rounds.id, roundId));
    notFoundUnless(found);
    // Programme first, then round: the same order everywhere, so two saves cannot deadlock.
    await lockProgramme(tx, found.programmeId);
    const [before] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("update");
    if (input.budget > (await budgetLeft(found.programmeId, roundId, tx))) {
      return { ok: false, errors: { budget: "programmes.errors.budgetOverProgramme" } };
    }
    const oldCriteria = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(asc(rubricCriteria.position));
    const newCriteria = input.criteria.map(criterionView);
    const rubricChanged = canonical(oldCriteria.map(criterionView)) !== canonical(newCriteria);
    const applicationCount = rubricChanged ? await countApplications(roundId, tx) : 0;
    if (rubricChanged && applicationCount > 0 && !input.confirmRubricChange) {
      return {
        ok: false,
        errors: { confirmRubricChange: `programmes.rubricWarning?count=${applicationCount}` },
        rubricWarning: applicationCount,
      };
    }

    const columns = roundColumns(input);
    const oldView = auditView(pickColumns(before, columns));
    const newView = auditView(columns);
    const changed = Object.keys(newView).filter((key) => canonical(oldView[key]) !== canonical(newView[key]));
    if (changed.length === 0 && !rubricChanged) return { ok: true };

    await tx.update(rounds).set(columns).where(eq(rounds.id, roundId));
    if (rubricChanged) {
      await replaceCriteria(tx, roundId, oldCriteria, newCriteria);
      // Reviews already submitted are weighed by the rubric as it is now.
      await refreshApplicationScores(tx, { roundId });
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: "round.updated",
      entityType: "round",
      entityId: roundId,
      ip: actor.ip,
      data: {
        changed: rubricChanged ? [...changed, "criteria"] : changed,
        before: Object.fromEntries(changed.map((key) => [key, oldView[key]])),
        after: Object.fromEntries(changed.map((key) => [key, newView[key]])),
        ...(rubricChanged
          ? { criteriaBefore: oldCriteria.map(criterionView), criteriaAfter: newCriteria, applicationCount }
          : {}),
      },
    });
    return { ok: true };
  });
}

function pickColumns(row: RoundRow, like: RoundColumns): RoundColumns {
  return Object.fromEntries(Object.keys(like).map((key) => [key, row[key as keyof RoundRow]])) as RoundColumns;
}

/**
 * Rewrites the rubric position by position, keeping the ids of the positions that remain, so that
 * anything already pointing at a criterion keeps pointing at the same place in the rubric.
 */
async function replaceCriteria(
  tx: DbOrTx,
  roundId: string,
  old: (typeof rubricCriteria.$inferSelect)[],
  next: ReturnType<typeof criterionView>[],
): Promise<void> {
  for (const [i, criterion] of next.entries()) {
    if (i < old.length) await tx.update(rubricCriteria).set(criterion).where(eq(rubricCriteria.id, old[i].id));
    else await tx.insert(rubricCriteria).values({ roundId, position: i + 1, ...criterion });
  }
  const extra = old.slice(next.length).map((c) => c.id);
  if (extra.length > 0) await tx.delete(rubricCriteria).where(inArray(rubricCriteria.id, extra));
}

/**
 * Opens or closes a round by hand, through the transition table (which writes the audit row). A
 * round whose closing time has passed is not opened: it would take no submissions anyway.
 */
export async function transitionRound(roundId: string, to: RoundStatus, actor: StaffActor, now = new Date()): Promise<Outcome> {
  try {
    return await db.transaction(async (tx): Promise<Outcome> => {
      const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("update");
      notFoundUnless(round);
      if (to === "open" && round.status === "draft" && round.closesAt <= now) {
        return { ok: false, errors: { "": "programmes.errors.openAfterClose" } };
      }
      await recordTransition(tx, roundTransitions, {
        entityType: "round",
        entityId: roundId,
        from: round.status,
        to,
        actor: { id: actor.id, as: actor.roles, ip: actor.ip },
      });
      await tx.update(rounds).set({ status: to }).where(eq(rounds.id, roundId));
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof TransitionError) return { ok: false, errors: { "": "programmes.errors.transitionRefused" } };
    throw error;
  }
}
