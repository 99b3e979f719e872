import { submittedReviewsOf } from "../reviews/submitted-reviews.server";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { applications, decisions, groups, programmes, rounds } from "../../../db/schema";
import { withAmount } from "../../forms/with-amount";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Locale } from "../../i18n/locales";
import type { Actor, User } from "../../kernel/actor";
import { constraintViolated, refuse, run, type RunOptions } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import type { CommandResult, FieldErrors } from "../../kernel/result";
import { applyDecisionStatus } from "../applications/decision-status.server";
import { applicationMachine, type ApplicationStatus } from "../applications/machine";
import { can } from "../../kernel/machine";
import { requireGroupReader } from "../groups/access.server";
import { loadScoreboardRound, scoreboardRows, scoreboardStatuses, submittedReviews } from "../reviews/scoreboard.server";
import { awardGrant } from "./award.server";
import { lifeNextSteps } from "./next-steps.server";
import type { NextThing } from "../applications/timeline.server";
import { tellGroupOfDecision } from "./decision-notices.server";
import type { BatchDecisionInput, DecisionInput, Outcome } from "./decisions.schema";

// Decisions (SPEC.md step 6): approve with an award, waitlist or reject, always with a reason the
// group reads. The round's row is locked before the budget is checked, so two admins deciding at
// the same moment are served one after the other; a database trigger (migration 0005) refuses any
// write that would still take approved awards past the budget.

/** How many applications a command decided. */
export type DecisionResult = CommandResult<{ count: number }>;

const BUDGET_CONSTRAINT = "decisions_within_round_budget";

/** The database's refusal of awards over the round's budget, as the admin reads it. */
const budget: RunOptions = { constraints: { [BUDGET_CONSTRAINT]: { ok: false, status: 400, errors: { "": "decisions.errors.overBudgetNow" } } } };

/** Whether an application in `from` may be given `to` by an admin, per the transition table. */
export function canDecide(from: string, to: Outcome): boolean {
  return can(applicationMachine, from as ApplicationStatus, to, ["admin"]);
}

/** Statuses from which some decision is still possible (eligible, waitlisted). */
export function isDecidable(status: string): boolean {
  return (["approved", "waitlisted", "rejected"] as const).some((to) => canDecide(status, to));
}

/**
 * True when `error` is the database's own refusal of awards over the round's budget (the
 * constraint trigger of migration 0005), whichever driver raised it and however drizzle wrapped it.
 */
export function isBudgetViolation(error: unknown): boolean {
  return constraintViolated(error) === BUDGET_CONSTRAINT;
}

async function lockRound(tx: DbOrTx, roundId: string) {
  if (!isUuid(roundId)) return null;
  const [round] = await tx
    .select({ id: rounds.id, budget: rounds.budget, maxGrant: rounds.maxGrant, reviewersPerApplication: rounds.reviewersPerApplication })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .for("update");
  return round ?? null;
}

/**
 * What the round has committed: approved awards, less what their grants gave back when cancelled
 * or terminated (the database's own sum, migration 0026, which the budget triggers use too). Read
 * after locking the round: only a release can change it under us, and that only frees money.
 */
async function awardedIn(tx: DbOrTx, roundId: string): Promise<bigint> {
  const [row] = await tx
    .select({ sum: sql<string>`gieo_round_committed(${rounds.id})::text` })
    .from(rounds)
    .where(eq(rounds.id, roundId));
  return BigInt(row?.sum ?? "0");
}

type Locked = Pick<typeof applications.$inferSelect, "id" | "title" | "groupId" | "status" | "requestedAmount">;

const lockedColumns = {
  id: applications.id,
  title: applications.title,
  groupId: applications.groupId,
  status: applications.status,
  requestedAmount: applications.requestedAmount,
};

/**
 * The round's rule on reviews, checked on locked rows: an application still under review
 * (eligible) is decided once the reviews the round requires are submitted, or on an admin's
 * recorded override. Deciding closes its open assignments (reviews are written only while it is
 * eligible), so deciding early must never happen unnoticed. From the waitlist the reviews are
 * already as complete as they will be. Returns, for each application, the override to keep:
 * the reason when it was short of reviews, null when it was not, undefined when not from review.
 */
async function checkReviews(
  tx: DbOrTx,
  round: { reviewersPerApplication: number },
  chosen: readonly Locked[],
  override: string,
  refusal: (short: { application: Locked; done: number }[]) => never,
): Promise<Map<string, { reviewsOverride: string | null; reviewsDone: number } | undefined>> {
  const underReview = chosen.filter((a) => a.status === "eligible");
  const done = await submittedReviews(tx, underReview.map((a) => a.id));
  const short = underReview.map((application) => ({ application, done: done.get(application.id) ?? 0 })).filter((s) => s.done < round.reviewersPerApplication);
  if (short.length > 0 && override === "") refusal(short);
  return new Map(
    chosen.map((a) => [
      a.id,
      a.status === "eligible"
        ? { reviewsOverride: short.some((s) => s.application.id === a.id) ? override : null, reviewsDone: done.get(a.id) ?? 0 }
        : undefined,
    ]),
  );
}

/** Applies one decision to a locked, checked application: transition, status, decision, notices. */
async function apply(
  tx: DbOrTx,
  roundId: string,
  application: Locked,
  decision: { outcome: Outcome; awardedAmount: bigint | null; conditions: string; reasonVi: string; reasonEn: string },
  actor: Actor,
  batch: boolean,
  reviews: { reviewsOverride: string | null; reviewsDone: number } | undefined,
  holdTranche: number | null = null,
) {
  await applyDecisionStatus(tx, application.id, decision.outcome, actor, {
    ...decision,
    awardedAmount: decision.awardedAmount?.toString() ?? null,
    batch,
    ...reviews,
  });
  // From the waitlist the row keeps the override recorded when it left review.
  const values = { ...decision, ...(reviews ? { reviewsOverride: reviews.reviewsOverride } : {}), decidedBy: actor.user.id, decidedAt: new Date() };
  // A waitlisted application decided again keeps one decision row: the latest.
  await tx
    .insert(decisions)
    .values({ applicationId: application.id, roundId, ...values })
    .onConflictDoUpdate({ target: decisions.applicationId, set: values });
  if (decision.outcome === "approved" && decision.awardedAmount !== null) {
    await awardGrant(
      tx,
      { applicationId: application.id, roundId, groupId: application.groupId, awardedAmount: decision.awardedAmount, conditions: decision.conditions, holdTranche },
      { id: actor.user.id, ip: actor.ip },
    );
  }
  await tellGroupOfDecision(tx, application, decision);
}

function overBudget(field: string, left: bigint, locale: Locale): FieldErrors {
  return { [field]: withAmount("decisions.errors.overBudget", "left", left < 0n ? 0n : left, locale) };
}

/** One application's decision, from the admin's decision page. */
export async function decideOne(
  roundId: string,
  applicationId: string,
  input: DecisionInput,
  actor: Actor,
  locale: Locale,
): Promise<DecisionResult> {
  return run(async (tx) => {
    const round = await lockRound(tx, roundId);
    if (!round || !isUuid(applicationId)) return refuse(404, { "": "decisions.errors.notFound" });
    const [application] = await tx
      .select(lockedColumns)
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.roundId, roundId)))
      .for("update");
    if (!application) return refuse(404, { "": "decisions.errors.notFound" });
    if (!canDecide(application.status, input.outcome)) return refuse(400, { "": "decisions.errors.notDecidable" });
    const reviews = await checkReviews(tx, round, [application], input.reviewsOverride, ([short]) =>
      refuse(400, { reviewsOverride: `decisions.errors.reviewsMissing?${new URLSearchParams({ done: String(short.done), needed: String(round.reviewersPerApplication) })}` }),
    );
    let awardedAmount: bigint | null = null;
    if (input.outcome === "approved") {
      const amount = input.awardedAmount;
      // The form's schema checked these against the figures the page showed; the locked rows rule.
      if (amount === null || amount <= 0n) return refuse(400, { awardedAmount: "decisions.errors.amountPositive" });
      if (amount > application.requestedAmount) {
        return refuse(400, { awardedAmount: withAmount("decisions.errors.overRequest", "max", application.requestedAmount, locale) });
      }
      if (amount > round.maxGrant) return refuse(400, { awardedAmount: withAmount("decisions.errors.overMaximum", "max", round.maxGrant, locale) });
      const left = round.budget - (await awardedIn(tx, roundId));
      if (amount > left) return refuse(400, overBudget("awardedAmount", left, locale));
      awardedAmount = amount;
    }
    await apply(
      tx,
      roundId,
      application,
      {
        outcome: input.outcome,
        awardedAmount,
        conditions: input.outcome === "approved" ? input.conditions : "",
        reasonVi: input.reasonVi,
        reasonEn: input.reasonEn,
      },
      actor,
      false,
      reviews.get(application.id),
      input.outcome === "approved" && input.conditionsHold ? Number(input.conditionsHold) : null,
    );
    return { count: 1 };
  }, budget);
}

/**
 * The same decision for several applications of the round, all or nothing. Approval awards each
 * its requested amount, so the whole batch must fit the budget left.
 */
export async function decideBatch(roundId: string, input: BatchDecisionInput, actor: Actor, locale: Locale): Promise<DecisionResult> {
  // A box ticked twice (two tabs, a crafted post) is one application.
  const ids = [...new Set(input.applicationIds)];
  return run(async (tx) => {
    const round = await lockRound(tx, roundId);
    if (!round) return refuse(404, { "": "decisions.errors.notFound" });
    // Locked in one order by every caller, so two overlapping batches cannot deadlock.
    const chosen = await tx
      .select(lockedColumns)
      .from(applications)
      .where(and(inArray(applications.id, ids), eq(applications.roundId, roundId)))
      .orderBy(asc(applications.id))
      .for("update");
    if (chosen.length !== ids.length) return refuse(400, { applicationIds: "decisions.errors.unknownApplication" });
    const stuck = chosen.filter((a) => !canDecide(a.status, input.outcome));
    if (stuck.length > 0) {
      return refuse(400, { applicationIds: `decisions.errors.batchNotDecidable?${new URLSearchParams({ titles: stuck.map((a) => a.title).join("; ") })}` });
    }
    const reviews = await checkReviews(tx, round, chosen, input.reviewsOverride, (short) =>
      refuse(400, {
        reviewsOverride: `decisions.errors.batchReviewsMissing?${new URLSearchParams({
          needed: String(round.reviewersPerApplication),
          titles: short.map((s) => `${s.application.title} (${s.done})`).join("; "),
        })}`,
      }),
    );
    if (input.outcome === "approved") {
      const tooBig = chosen.filter((a) => a.requestedAmount > round.maxGrant || a.requestedAmount <= 0n);
      if (tooBig.length > 0) {
        return refuse(400, { applicationIds: `decisions.errors.batchOverMaximum?${new URLSearchParams({ titles: tooBig.map((a) => a.title).join("; ") })}` });
      }
      const total = chosen.reduce((sum, a) => sum + a.requestedAmount, 0n);
      const left = round.budget - (await awardedIn(tx, roundId));
      if (total > left) return refuse(400, overBudget("applicationIds", left, locale));
    }
    for (const application of chosen) {
      await apply(
        tx,
        roundId,
        application,
        {
          outcome: input.outcome,
          awardedAmount: input.outcome === "approved" ? application.requestedAmount : null,
          conditions: input.outcome === "approved" ? input.conditions : "",
          reasonVi: input.reasonVi,
          reasonEn: input.reasonEn,
        },
        actor,
        true,
        reviews.get(application.id),
      );
    }
    return { count: chosen.length };
  }, budget);
}

/**
 * What the decision form checks an award against, for an application of the round that has been
 * screened eligible (or decided since); null otherwise. The write checks again on locked rows.
 */
export async function loadAwardLimits(roundId: string, applicationId: string) {
  if (!isUuid(roundId) || !isUuid(applicationId)) return null;
  const [row] = await db
    .select({ roundId: rounds.id, applicationId: applications.id, requested: applications.requestedAmount, maxGrant: rounds.maxGrant })
    .from(applications)
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .where(
      and(
        eq(applications.id, applicationId),
        eq(applications.roundId, roundId),
        inArray(applications.status, [...scoreboardStatuses]),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Everything the admin's decision page shows, or null for an unknown round or application. */
export async function loadDecisionPage(roundId: string, applicationId: string) {
  if (!isUuid(applicationId)) return null;
  const round = await loadScoreboardRound(roundId);
  if (!round) return null;
  const [{ rows }, [existing], reviews] = await Promise.all([
    scoreboardRows(round, { view: { sort: "score", dir: "desc", decided: "all", flagged: false }, page: null, applicationId }),
    db.select().from(decisions).where(eq(decisions.applicationId, applicationId)).limit(1),
    submittedReviewsOf(applicationId),
  ]);
  const row = rows[0];
  if (!row) return null;
  const [template] = await db.select({ tranches: rounds.trancheTemplate }).from(rounds).where(eq(rounds.id, roundId));
  return {
    round,
    row,
    reviews,
    // How many tranches an award of this round has: the ones the award's conditions may hold.
    trancheCount: template?.tranches.length ?? 0,
    decision: existing
      ? {
          outcome: existing.outcome,
          awardedAmount: existing.awardedAmount,
          conditions: existing.conditions,
          reasonVi: existing.reasonVi,
          reasonEn: existing.reasonEn,
          reviewsOverride: existing.reviewsOverride,
          decidedAt: existing.decidedAt,
        }
      : null,
    decidable: isDecidable(row.status),
    // Still under review with reviews missing: the form asks why the decision cannot wait.
    reviewsShort: row.status === "eligible" && row.reviewsDone < round.reviewersPerApplication,
  };
}

/**
 * A decision as the group reads it, after checking the reader is one of the group's people (or
 * an admin); anyone else, and any unknown or undecided id, gets 404.
 */
export async function loadDecisionForReader(applicationId: string, user: User, locale: Locale) {
  const notFound = () => new Response("Not found", { status: 404 });
  if (!isUuid(applicationId)) throw notFound();
  const [row] = await db
    .select({
      decision: decisions,
      title: applications.title,
      groupId: applications.groupId,
      groupName: groups.name,
      roundVi: rounds.titleVi,
      roundEn: rounds.titleEn,
      programmeVi: programmes.nameVi,
      programmeEn: programmes.nameEn,
    })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(rounds, eq(rounds.id, decisions.roundId))
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .where(eq(decisions.applicationId, applicationId))
    .limit(1);
  if (!row) throw notFound();
  await requireGroupReader(user, row.groupId);
  const { decision } = row;
  // Only the reason the reader will read is sent: the English one is optional, so an English
  // reader without one gets the Vietnamese reason, marked as such.
  const inEnglish = locale === "en" && decision.reasonEn !== "";
  // An approval's next step is its agreement's (to accept, then payments and reports), linked.
  const [{ next }] = await lifeNextSteps([{ id: applicationId, status: decision.outcome, next: { what: "decisions.read.next", link: null } as NextThing }], locale);
  return {
    next: decision.outcome === "approved" ? next : null,
    applicationId,
    title: row.title,
    groupName: row.groupName,
    round: { vi: row.roundVi, en: row.roundEn },
    programme: { vi: row.programmeVi, en: row.programmeEn },
    outcome: decision.outcome,
    awardedAmount: decision.awardedAmount,
    conditions: decision.conditions,
    reason: inEnglish ? decision.reasonEn : decision.reasonVi,
    reasonLocale: inEnglish ? ("en" as const) : ("vi" as const),
    decidedAt: decision.decidedAt,
  };
}
