import { asc, desc, eq, sql } from "drizzle-orm";
import {
  applications,
  attachments,
  budgetLines,
  clarifications,
  groups,
  provinces,
  type ScreeningCheck,
} from "../../../db/schema";
import { getEnv } from "../../infra/env.server";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor, User } from "../../kernel/actor";
import { refuse, refuseAll, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { groupPeople } from "../groups/audiences.server";
import { requireGroupActor } from "../groups/access.server";
import { groupSummary, type GroupSummary } from "../groups/groups.server";
import { tell } from "../notifications/notifications.server";
import { findRound, type Round } from "../programmes/rounds.server";
import { oneUser } from "../users/audiences.server";
import { applicationFields } from "./applications.schema";
import { applicationMachine } from "./machine";
import { isInlineField, isReopenableField, type InlineField, type ReopenableField } from "./screening.schema";

// Screening (SPEC.md step 4): the automatic eligibility checks, the admin's decision, and the
// clarification round trip. Every status change locks the application row, goes through the
// transition table and writes its audit row in the same transaction.

type Application = typeof applications.$inferSelect;

export type CheckKey = "province" | "activity" | "amount" | "womanLeader" | "womenMajority" | "requiredAnswers";

export interface CheckResult extends ScreeningCheck {
  key: CheckKey;
  /** For "requiredAnswers": the answers still empty, by field name ("budgetLines" for no line). */
  missing?: string[];
}

/** The answers SPEC.md step 3 asks for; screening checks none of them is left empty. */
const requiredAnswers = [
  "title",
  "activityType",
  "naturalResource",
  "location",
  "problem",
  "plan",
  "membersTakingPart",
  "womenTakingPart",
  "baselineIncome",
  "targetIncome",
  "environmentalCare",
] as const satisfies readonly (keyof Application)[];

/** What the roster checks need; groupSummary (groups module) holds the rule for each. */
export type MemberFacts = Pick<GroupSummary, "members" | "women" | "hasWomanLeader">;

/** The pass/fail list, computed from the application as it is now. Pure given its inputs. */
export function evaluateChecks(input: {
  application: Application;
  round: Pick<Round, "eligibleProvinces" | "eligibleActivities" | "minGrant" | "maxGrant">;
  provinceSlug: string;
  facts: MemberFacts;
  budgetLineCount: number;
}): CheckResult[] {
  const { application: a, round, facts } = input;
  const missing: string[] = requiredAnswers.filter((name) => {
    const value = a[name];
    return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
  });
  if (input.budgetLineCount === 0) missing.push("budgetLines");
  return [
    { key: "province", passed: round.eligibleProvinces.includes(input.provinceSlug) },
    { key: "activity", passed: a.activityType !== null && round.eligibleActivities.includes(a.activityType) },
    { key: "amount", passed: a.requestedAmount >= round.minGrant && a.requestedAmount <= round.maxGrant },
    { key: "womanLeader", passed: facts.hasWomanLeader },
    { key: "womenMajority", passed: facts.women * 2 > facts.members },
    { key: "requiredAnswers", passed: missing.length === 0, missing },
  ];
}

async function checksFor(tx: DbOrTx, application: Application, round: Round): Promise<CheckResult[]> {
  const [group] = await tx.select({ provinceSlug: groups.provinceSlug }).from(groups).where(eq(groups.id, application.groupId));
  const [lines] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(budgetLines)
    .where(eq(budgetLines.applicationId, application.id));
  return evaluateChecks({
    application,
    round,
    provinceSlug: group.provinceSlug,
    facts: await groupSummary(application.groupId, tx),
    budgetLineCount: lines?.n ?? 0,
  });
}

/** What is stored in applications.screening: the list as the admin saw it when deciding. */
function stored(checks: CheckResult[]): ScreeningCheck[] {
  return checks.map(({ key, passed }) => ({ key, passed }));
}

/** Everything the admin's screening page shows, or null for an unknown id. */
export async function loadForScreening(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      application: applications,
      group: {
        id: groups.id,
        name: groups.name,
        kind: groups.kind,
        commune: groups.commune,
        village: groups.village,
        leaderName: groups.leaderName,
        provinceSlug: groups.provinceSlug,
        provinceVi: provinces.nameVi,
        provinceEn: provinces.nameEn,
      },
    })
    .from(applications)
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug))
    .where(eq(applications.id, id))
    .limit(1);
  if (!row) return null;
  const round = await findRound(row.application.roundId);
  if (!round) return null;
  const [lines, facts, asked, files] = await Promise.all([
    db
      .select({ id: budgetLines.id, item: budgetLines.item, quantity: budgetLines.quantity, unitCost: budgetLines.unitCost, total: budgetLines.total })
      .from(budgetLines)
      .where(eq(budgetLines.applicationId, id))
      .orderBy(asc(budgetLines.position)),
    groupSummary(row.group.id),
    db.select().from(clarifications).where(eq(clarifications.applicationId, id)).orderBy(desc(clarifications.askedAt)),
    db
      .select({ id: attachments.id, originalName: attachments.originalName, size: attachments.size })
      .from(attachments)
      .where(eq(attachments.applicationId, id))
      .orderBy(asc(attachments.createdAt)),
  ]);
  const live = evaluateChecks({
    application: row.application,
    round,
    provinceSlug: row.group.provinceSlug,
    facts,
    budgetLineCount: lines.length,
  });
  return {
    application: row.application,
    group: row.group,
    round: {
      id: round.id,
      titleVi: round.titleVi,
      titleEn: round.titleEn,
      minGrant: round.minGrant,
      maxGrant: round.maxGrant,
    },
    budgetLines: lines,
    facts,
    // While it awaits a decision the list is live; once decided, it is the list the admin saw.
    checks: row.application.status === "submitted" || !row.application.screening ? live : (row.application.screening as CheckResult[]),
    clarifications: asked,
    attachments: files,
  };
}

const notFound = () => refuseAll(404, "screening.errors.notFound");
const notAwaiting = () => refuseAll(409, "screening.errors.notAwaiting");

/** The application, locked for the change; a 404 refusal when there is none. */
async function lockApplication(tx: DbOrTx, id: string): Promise<Application> {
  const [row] = isUuid(id) ? await tx.select().from(applications).where(eq(applications.id, id)).for("update") : [];
  return row ?? notFound();
}

/** The admin's screening decision, through the application's machine (which writes the audit row). */
function screen(tx: DbOrTx, application: Application, to: "eligible" | "ineligible" | "clarification_requested", actor: Actor, change: { set: Record<string, unknown>; data: Record<string, unknown> }) {
  return applyTransition(tx, applicationMachine, { table: applications, id: application.id, to, actor, as: partiesOf(actor.user), ...change });
}

async function groupName(tx: DbOrTx, groupId: string): Promise<string> {
  const [row] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));
  return row?.name ?? "";
}

async function tellGroupOfResult(tx: DbOrTx, application: Application, outcome: "eligible" | "ineligible", note: string | null) {
  const link = `/applications/${application.id}`;
  const name = await groupName(tx, application.groupId);
  await tell(tx, {
    to: groupPeople(application.groupId),
    inApp: { messageKey: outcome === "eligible" ? "screening.notice.eligible" : "screening.notice.ineligible", params: { title: application.title }, link },
    email: {
      template: "screening-result",
      props: (person) => ({ name: person.name, groupName: name, applicationTitle: application.title, outcome, note: note ?? "", link: `${getEnv().appUrl}${link}` }),
    },
    phone: { text: outcome === "eligible" ? "screening-eligible" : "screening-ineligible", params: () => ({ title: application.title, group: name }) },
  });
}

/** "Eligible → ready for review": allowed only while it awaits screening and every check passes. */
export async function confirmEligible(id: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const application = await lockApplication(tx, id);
    if (application.status !== "submitted") notAwaiting();
    const round = (await findRound(application.roundId, tx)) ?? notFound();
    const checks = await checksFor(tx, application, round);
    if (checks.some((c) => !c.passed)) refuseAll(400, "screening.errors.checksFailed");
    await screen(tx, application, "eligible", actor, {
      set: { screening: stored(checks), screeningNote: null, updatedAt: new Date() },
      data: { checks: stored(checks) },
    });
    await tellGroupOfResult(tx, application, "eligible", null);
    return {};
  });
}

/**
 * "Eligible" although some automatic checks failed: the admin's judgement, with her reason. The
 * failed checks are kept as failed and marked overridden with the reason, in the screening list
 * and in the audit row, so anyone reading either sees what was waived and why.
 */
export async function overrideEligible(id: string, reason: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const application = await lockApplication(tx, id);
    if (application.status !== "submitted") notAwaiting();
    const round = (await findRound(application.roundId, tx)) ?? notFound();
    const checks = await checksFor(tx, application, round);
    const failed = checks.filter((c) => !c.passed).map((c) => c.key);
    // Nothing to override: the ordinary confirmation is the one to use.
    if (failed.length === 0) refuseAll(400, "screening.errors.nothingToOverride");
    const kept = stored(checks).map((c) => (c.passed ? c : { ...c, overrideReason: reason }));
    await screen(tx, application, "eligible", actor, {
      set: { screening: kept, screeningNote: null, updatedAt: new Date() },
      data: { checks: kept, override: { checks: failed, reason } },
    });
    await tellGroupOfResult(tx, application, "eligible", null);
    return {};
  });
}

/** "Not eligible", with the reason the group will read. */
export async function confirmIneligible(id: string, note: string, actor: Actor): Promise<CommandResult> {
  return run(async (tx) => {
    const application = await lockApplication(tx, id);
    if (application.status !== "submitted") notAwaiting();
    const round = (await findRound(application.roundId, tx)) ?? notFound();
    const checks = await checksFor(tx, application, round);
    await screen(tx, application, "ineligible", actor, {
      set: { screening: stored(checks), screeningNote: note, updatedAt: new Date() },
      data: { checks: stored(checks), note },
    });
    await tellGroupOfResult(tx, application, "ineligible", note);
    return {};
  });
}

/** Asks the group a question and reopens the named fields until it answers. */
export async function requestClarification(
  id: string,
  request: { fields: ReopenableField[]; question: string },
  actor: Actor,
): Promise<CommandResult> {
  return run(async (tx) => {
    const application = await lockApplication(tx, id);
    if (application.status !== "submitted") notAwaiting();
    const fields = [...new Set(request.fields)];
    const [asked] = await tx
      .insert(clarifications)
      .values({ applicationId: id, question: request.question, fields, askedBy: actor.user.id })
      .returning({ id: clarifications.id });
    await screen(tx, application, "clarification_requested", actor, {
      set: { reopenedFields: fields, updatedAt: new Date() },
      data: { clarificationId: asked.id, fields, question: request.question },
    });
    const link = `/clarifications/${asked.id}`;
    const name = await groupName(tx, application.groupId);
    await tell(tx, {
      to: groupPeople(application.groupId),
      inApp: { messageKey: "screening.notice.clarification", params: { title: application.title }, link },
      email: {
        template: "clarification-requested",
        props: (person) => ({ name: person.name, groupName: name, applicationTitle: application.title, question: request.question, link: `${getEnv().appUrl}${link}` }),
      },
      phone: { text: "clarification-asked", params: () => ({ title: application.title, group: name }) },
    });
    return {};
  });
}

/** The value of a reopened field as its input shows it (digits for money, no grouping). */
function asInputValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * A clarification as its group sees it, after checking the user acts for that group (404
 * otherwise, so ids of other groups' clarifications tell nothing).
 */
export async function loadClarificationForGroup(id: string, user: User) {
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  const [row] = await db
    .select({ clarification: clarifications, application: applications, groupName: groups.name })
    .from(clarifications)
    .innerJoin(applications, eq(applications.id, clarifications.applicationId))
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .where(eq(clarifications.id, id))
    .limit(1);
  if (!row) throw new Response("Not found", { status: 404 });
  await requireGroupActor(user, row.application.groupId);
  const { clarification, application } = row;
  const open = clarification.answeredAt === null && application.status === "clarification_requested";
  const reopened = clarification.fields.filter(isReopenableField);
  const inline = reopened.filter(isInlineField);
  return {
    clarification: {
      id: clarification.id,
      question: clarification.question,
      askedAt: clarification.askedAt,
      answer: clarification.answer,
      answeredAt: clarification.answeredAt,
    },
    application: { id: application.id, title: application.title, status: application.status },
    groupName: row.groupName,
    open,
    fields: open ? inline : [],
    values: Object.fromEntries(inline.map((name) => [name, asInputValue(application[name])])) as Record<string, string>,
    // Budget lines and attachments are changed in their wizard steps while the question is open.
    wizardSteps: open
      ? reopened.filter((name) => !isInlineField(name)).map((name) => ({ field: name, step: applicationFields[name] }))
      : [],
  };
}

function forAudit(value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/**
 * The group's answer: writes the reopened fields and the reply, and sends the application back to
 * screening, all or nothing. `values` holds only names the request reopened (the form's schema is
 * built from them), and they are checked again against the locked row.
 */
export async function answerClarification(
  id: string,
  values: Record<string, unknown> & { answer: string },
  actor: Actor,
): Promise<CommandResult> {
  return run(async (tx) => {
    const [found] = isUuid(id) ? await tx.select().from(clarifications).where(eq(clarifications.id, id)).for("update") : [];
    if (!found) notFound();
    const application = await lockApplication(tx, found.applicationId);
    const { onBehalfOf } = await requireGroupActor(actor.user, application.groupId, tx);
    if (found.answeredAt !== null || application.status !== "clarification_requested") refuseAll(409, "screening.errors.alreadyAnswered");
    const allowed = new Set(application.reopenedFields);
    const changes: Partial<Record<InlineField, unknown>> = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === "answer") continue;
      if (!isInlineField(name) || !allowed.has(name)) refuseAll(400, "errors.unexpectedField");
      // The column keeps 0 for "no cash contribution"; the form leaves it empty.
      changes[name] = name === "ownContributionCash" && value === null ? 0n : value;
    }
    if (typeof changes.activityType === "string") {
      const round = await findRound(application.roundId, tx);
      if (!round?.eligibleActivities.includes(changes.activityType)) {
        refuse(400, { activityType: "screening.errors.activityNotInRound" });
      }
    }
    const members = (changes.membersTakingPart ?? application.membersTakingPart) as number | null;
    const women = (changes.womenTakingPart ?? application.womenTakingPart) as number | null;
    if (members !== null && women !== null && women > members) {
      const field = "womenTakingPart" in changes ? "womenTakingPart" : "membersTakingPart";
      refuse(400, { [field]: "screening.errors.womenOverMembers" });
    }
    const changed = Object.fromEntries(
      Object.entries(changes).map(([name, to]) => [name, { from: forAudit(application[name as InlineField]), to: forAudit(to) }]),
    );
    const now = new Date();
    await applyTransition(tx, applicationMachine, {
      table: applications,
      id: application.id,
      to: "submitted",
      actor: { ...actor, onBehalfOf },
      as: partiesOf(actor.user, { owner: true }),
      set: { ...(changes as Partial<Application>), reopenedFields: [], updatedAt: now },
      data: { clarificationId: id, changed },
    });
    await tx
      .update(clarifications)
      .set({ answer: values.answer, answeredBy: actor.user.id, answeredAt: now })
      .where(eq(clarifications.id, id));
    await tell(tx, {
      to: oneUser(found.askedBy),
      inApp: { messageKey: "screening.notice.answered", params: { title: (changes.title as string | undefined) ?? application.title }, link: `/admin/applications/${application.id}` },
    });
    return {};
  });
}
