import { asc, count, eq, inArray } from "drizzle-orm";
import { applications, rounds, rubricCriteria, type ReportScheduleItem, type TrancheTemplateItem } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, refuseAll, run } from "../../kernel/command.server";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { writeAudit } from "../audit/audit.server";
import { notFoundUnless } from "../auth/guards.server";
import { roundMachine, type RoundStatus } from "./machine";
import { budgetLeft, lockProgramme } from "./programmes.server";
import type { RoundInput } from "./programmes.schema";
import { SIGNING, SPENDING_PREFIX } from "./round-values";

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
      (t): TrancheTemplateItem => ({
        percent: t.percent,
        waitsFor: t.waitsFor === SIGNING ? SIGNING : t.waitsFor.startsWith(SPENDING_PREFIX) ? { spending: t.waitsFor.slice(SPENDING_PREFIX.length) } : { report: t.waitsFor },
      }),
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
export async function createRound(programmeId: string, input: RoundInput, actor: Actor): Promise<CommandResult<{ id: string }>> {
  return run(async (tx) => {
    notFoundUnless(await lockProgramme(tx, programmeId));
    if (input.budget > (await budgetLeft(programmeId, null, tx))) refuse(400, { budget: "programmes.errors.budgetOverProgramme" });
    const columns = roundColumns(input);
    const [row] = await tx
      .insert(rounds)
      .values({ programmeId, ...columns })
      .returning({ id: rounds.id });
    await tx.insert(rubricCriteria).values(input.criteria.map((c, i) => ({ roundId: row.id, position: i + 1, ...criterionView(c) })));
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "round.created",
      entityType: "round",
      entityId: row.id,
      ip: actor.ip,
      data: { programmeId, ...auditView(columns), criteria: input.criteria.map(criterionView) },
    });
    return { id: row.id };
  });
}

/**
 * What must change with a round's rubric, in the same transaction: the reviews module's kept
 * scores (reviews already submitted are weighed by the rubric as it is now). The reviews module
 * sits above this one in the module chain, so the route that composes both passes it in.
 */
export interface RubricChange {
  afterRubricChange: (tx: DbOrTx, roundId: string) => Promise<void>;
}

// The database holds the awards to the budget (migration 0017), whoever approved them and however
// recently: a budget below them is the admin's to correct, not a fault.
const budgetCoversAwards = {
  constraints: { rounds_budget_covers_awards: { ok: false as const, status: 400 as const, errors: { budget: "programmes.errors.budgetBelowAwards" } } },
};

/**
 * Saves every field of a round. Its budget is checked against the programme under a lock. When
 * applications exist, a changed rubric is saved only if the admin ticked `confirmRubricChange`:
 * the first save answers with the warning and writes nothing.
 */
export async function updateRound(roundId: string, input: RoundInput, actor: Actor, rubric: RubricChange): Promise<CommandResult> {
  return run(async (tx) => {
    const [found] = await tx.select({ programmeId: rounds.programmeId }).from(rounds).where(eq(rounds.id, roundId));
    notFoundUnless(found);
    // Programme first, then round: the same order everywhere, so two saves cannot deadlock.
    await lockProgramme(tx, found.programmeId);
    const [before] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("update");
    if (input.budget > (await budgetLeft(found.programmeId, roundId, tx))) refuse(400, { budget: "programmes.errors.budgetOverProgramme" });
    const oldCriteria = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(asc(rubricCriteria.position));
    const newCriteria = input.criteria.map(criterionView);
    const rubricChanged = canonical(oldCriteria.map(criterionView)) !== canonical(newCriteria);
    const applicationCount = rubricChanged ? await countApplications(roundId, tx) : 0;
    if (rubricChanged && applicationCount > 0 && !input.confirmRubricChange) {
      refuse(400, { confirmRubricChange: `programmes.rubricWarning?count=${applicationCount}` });
    }

    const columns = roundColumns(input);
    const oldView = auditView(pickColumns(before, columns));
    const newView = auditView(columns);
    const changed = Object.keys(newView).filter((key) => canonical(oldView[key]) !== canonical(newView[key]));
    if (changed.length === 0 && !rubricChanged) return {};

    await tx.update(rounds).set(columns).where(eq(rounds.id, roundId));
    if (rubricChanged) {
      await replaceCriteria(tx, roundId, oldCriteria, newCriteria);
      await rubric.afterRubricChange(tx, roundId);
    }
    await writeAudit(tx, {
      actorId: actor.user.id,
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
    return {};
  }, budgetCoversAwards);
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
 * Opens or closes a round by hand, through the round's machine (which writes the audit row). A
 * round whose closing time has passed is not opened: it would take no submissions anyway.
 */
export async function transitionRound(roundId: string, to: RoundStatus, actor: Actor, now = new Date()): Promise<CommandResult> {
  return run(async (tx) => {
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("update");
    notFoundUnless(round);
    if (to === "open" && round.status === "draft" && round.closesAt <= now) refuseAll(409, "programmes.errors.openAfterClose");
    await applyTransition(tx, roundMachine, { table: rounds, id: roundId, to, actor, as: partiesOf(actor.user) });
    return {};
  });
}

/** The admin sets the spread above which reviewers' disagreement is flagged on the scoreboard; audited. */
export async function setSpreadThreshold(roundId: string, threshold: number, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select({ from: rounds.spreadThreshold }).from(rounds).where(eq(rounds.id, roundId)).for("update");
    if (!round) return false;
    if (round.from === threshold) return true;
    await tx.update(rounds).set({ spreadThreshold: threshold }).where(eq(rounds.id, roundId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "round.spreadThreshold",
      entityType: "round",
      entityId: roundId,
      ip: actor.ip,
      data: { from: round.from, to: threshold },
    });
    return true;
  });
}
