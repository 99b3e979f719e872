import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  applications,
  attachments,
  budgetLines,
  clarifications,
  groupFacilitators,
  groups,
  provinces,
  users,
  type ScreeningCheck,
} from "../../../db/schema";
import type { FieldErrors } from "../../forms/parse-form.server";
import { getEnv } from "../../infra/env.server";
import { db, type DbOrTx } from "../../infra/db.server";
import { recordTransition } from "../audit/transitions.server";
import { requireGroupActor } from "../groups/access.server";
import { groupSummary, type GroupSummary } from "../groups/groups.server";
import { notify, queueEmail } from "../notifications/notifications.server";
import { findRound, type Round } from "../programmes/rounds.server";
import type { User } from "../users/users.server";
import { applicationFields } from "./applications.schema";
import { isInlineField, isReopenableField, type InlineField, type ReopenableField } from "./screening.schema";
import { applicationTransitions } from "./transitions";

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

const uuid = z.uuid();

/** Everything the admin's screening page shows, or null for an unknown id. */
export async function loadForScreening(id: string) {
  if (!uuid.safeParse(id).success) return null;
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

export type ScreeningResult = { ok: true } | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

const notFound: ScreeningResult = { ok: false, status: 404, errors: { "": "screening.errors.notFound" } };
const notAwaiting: ScreeningResult = { ok: false, status: 409, errors: { "": "screening.errors.notAwaiting" } };

interface Actor {
  user: User;
  ip: string;
}

async function lockApplication(tx: DbOrTx, id: string): Promise<Application | null> {
  if (!uuid.safeParse(id).success) return null;
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for("update");
  return row ?? null;
}

/** The group's people who hear about its application: its leader's account and its facilitators. */
async function groupPeople(tx: DbOrTx, groupId: string) {
  const owner = tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .innerJoin(groups, eq(groups.ownerId, users.id))
    .where(and(eq(groups.id, groupId), sql`${users.disabledAt} is null`));
  const facilitators = tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .innerJoin(groupFacilitators, eq(groupFacilitators.userId, users.id))
    .where(and(eq(groupFacilitators.groupId, groupId), sql`${users.disabledAt} is null`));
  const everyone = [...(await owner), ...(await facilitators)];
  return everyone.filter((person, i) => everyone.findIndex((p) => p.id === person.id) === i);
}

async function groupName(tx: DbOrTx, groupId: string): Promise<string> {
  const [row] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));
  return row?.name ?? "";
}

async function tellGroupOfResult(tx: DbOrTx, application: Application, outcome: "eligible" | "ineligible", note: string | null) {
  const link = `/applications/${application.id}`;
  const name = await groupName(tx, application.groupId);
  for (const person of await groupPeople(tx, application.groupId)) {
    await notify(tx, {
      userId: person.id,
      messageKey: outcome === "eligible" ? "screening.notice.eligible" : "screening.notice.ineligible",
      params: { title: application.title },
      link,
    });
    if (person.email) {
      await queueEmail(tx, {
        to: person.email,
        locale: person.locale,
        template: "screening-result",
        props: {
          name: person.name,
          groupName: name,
          applicationTitle: application.title,
          outcome,
          note: note ?? "",
          link: `${getEnv().appUrl}${link}`,
        },
      });
    }
  }
}

/** "Eligible → ready for review": allowed only while it awaits screening and every check passes. */
export async function confirmEligible(id: string, actor: Actor): Promise<ScreeningResult> {
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, id);
    if (!application) return notFound;
    if (application.status !== "submitted") return notAwaiting;
    const round = await findRound(application.roundId, tx);
    if (!round) return notFound;
    const checks = await checksFor(tx, application, round);
    if (checks.some((c) => !c.passed)) return { ok: false, status: 400, errors: { "": "screening.errors.checksFailed" } };
    await recordTransition(tx, applicationTransitions, {
      entityType: "application",
      entityId: id,
      from: "submitted",
      to: "eligible",
      actor: { id: actor.user.id, as: actor.user.roles, ip: actor.ip },
      data: { checks: stored(checks) },
    });
    await tx
      .update(applications)
      .set({ status: "eligible", screening: stored(checks), screeningNote: null, updatedAt: new Date() })
      .where(eq(applications.id, id));
    await tellGroupOfResult(tx, application, "eligible", null);
    return { ok: true } as const;
  });
}

/** "Not eligible", with the reason the group will read. */
export async function confirmIneligible(id: string, note: string, actor: Actor): Promise<ScreeningResult> {
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, id);
    if (!application) return notFound;
    if (application.status !== "submitted") return notAwaiting;
    const round = await findRound(application.roundId, tx);
    if (!round) return notFound;
    const checks = await checksFor(tx, application, round);
    await recordTransition(tx, applicationTransitions, {
      entityType: "application",
      entityId: id,
      from: "submitted",
      to: "ineligible",
      actor: { id: actor.user.id, as: actor.user.roles, ip: actor.ip },
      data: { checks: stored(checks), note },
    });
    await tx
      .update(applications)
      .set({ status: "ineligible", screening: stored(checks), screeningNote: note, updatedAt: new Date() })
      .where(eq(applications.id, id));
    await tellGroupOfResult(tx, application, "ineligible", note);
    return { ok: true } as const;
  });
}

/** Asks the group a question and reopens the named fields until it answers. */
export async function requestClarification(
  id: string,
  request: { fields: ReopenableField[]; question: string },
  actor: Actor,
): Promise<ScreeningResult> {
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, id);
    if (!application) return notFound;
    if (application.status !== "submitted") return notAwaiting;
    const fields = [...new Set(request.fields)];
    const [asked] = await tx
      .insert(clarifications)
      .values({ applicationId: id, question: request.question, fields, askedBy: actor.user.id })
      .returning({ id: clarifications.id });
    await recordTransition(tx, applicationTransitions, {
      entityType: "application",
      entityId: id,
      from: "submitted",
      to: "clarification_requested",
      actor: { id: actor.user.id, as: actor.user.roles, ip: actor.ip },
      data: { clarificationId: asked.id, fields, question: request.question },
    });
    await tx
      .update(applications)
      .set({ status: "clarification_requested", reopenedFields: fields, updatedAt: new Date() })
      .where(eq(applications.id, id));
    const link = `/clarifications/${asked.id}`;
    const name = await groupName(tx, application.groupId);
    for (const person of await groupPeople(tx, application.groupId)) {
      await notify(tx, { userId: person.id, messageKey: "screening.notice.clarification", params: { title: application.title }, link });
      if (person.email) {
        await queueEmail(tx, {
          to: person.email,
          locale: person.locale,
          template: "clarification-requested",
          props: {
            name: person.name,
            groupName: name,
            applicationTitle: application.title,
            question: request.question,
            link: `${getEnv().appUrl}${link}`,
          },
        });
      }
    }
    return { ok: true } as const;
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
  if (!uuid.safeParse(id).success) throw new Response("Not found", { status: 404 });
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
): Promise<ScreeningResult> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(clarifications).where(eq(clarifications.id, id)).for("update");
    if (!found) return notFound;
    const application = await lockApplication(tx, found.applicationId);
    if (!application) return notFound;
    const { onBehalfOf } = await requireGroupActor(actor.user, application.groupId, tx);
    if (found.answeredAt !== null || application.status !== "clarification_requested") {
      return { ok: false, status: 409, errors: { "": "screening.errors.alreadyAnswered" } };
    }
    const allowed = new Set(application.reopenedFields);
    const changes: Partial<Record<InlineField, unknown>> = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === "answer") continue;
      if (!isInlineField(name) || !allowed.has(name)) return { ok: false, status: 400, errors: { "": "errors.unexpectedField" } };
      // The column keeps 0 for "no cash contribution"; the form leaves it empty.
      changes[name] = name === "ownContributionCash" && value === null ? 0n : value;
    }
    if (typeof changes.activityType === "string") {
      const round = await findRound(application.roundId, tx);
      if (!round?.eligibleActivities.includes(changes.activityType)) {
        return { ok: false, status: 400, errors: { activityType: "screening.errors.activityNotInRound" } };
      }
    }
    const members = (changes.membersTakingPart ?? application.membersTakingPart) as number | null;
    const women = (changes.womenTakingPart ?? application.womenTakingPart) as number | null;
    if (members !== null && women !== null && women > members) {
      const field = "womenTakingPart" in changes ? "womenTakingPart" : "membersTakingPart";
      return { ok: false, status: 400, errors: { [field]: "screening.errors.womenOverMembers" } };
    }
    const changed = Object.fromEntries(
      Object.entries(changes).map(([name, to]) => [name, { from: forAudit(application[name as InlineField]), to: forAudit(to) }]),
    );
    await recordTransition(tx, applicationTransitions, {
      entityType: "application",
      entityId: application.id,
      from: "clarification_requested",
      to: "submitted",
      actor: { id: actor.user.id, as: ["owner"], onBehalfOf, ip: actor.ip },
      data: { clarificationId: id, changed },
    });
    const now = new Date();
    await tx
      .update(applications)
      .set({ ...(changes as Partial<Application>), status: "submitted", reopenedFields: [], updatedAt: now })
      .where(eq(applications.id, application.id));
    await tx
      .update(clarifications)
      .set({ answer: values.answer, answeredBy: actor.user.id, answeredAt: now })
      .where(eq(clarifications.id, id));
    await notify(tx, {
      userId: found.askedBy,
      messageKey: "screening.notice.answered",
      params: { title: (changes.title as string | undefined) ?? application.title },
      link: `/admin/applications/${application.id}`,
    });
    return { ok: true } as const;
  });
}
