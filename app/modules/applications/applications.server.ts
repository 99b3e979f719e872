import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import { oncePerRequest } from "../../infra/request-context.server";
import { applications, budgetLines, groupFacilitators, groups, provinces, rounds } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { User } from "../../kernel/actor";
import { constraintViolated } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import type { CommandResult, Refused } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { requireGroupActor, requireGroupReader } from "../groups/access.server";
import { acceptsSubmissions, findRound, listOpenRounds } from "../programmes/rounds.server";
import type { ApplicationStatus } from "./machine";
import { heldBy } from "../groups/access.server";
import { peopleOrder } from "../../infra/people-order.server";

export type Application = typeof applications.$inferSelect;

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export async function findApplication(id: string, tx: DbOrTx = db): Promise<Application | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).limit(1);
  return row ?? null;
}

/**
 * The application, if the user may read it (the group's people and admins); otherwise a 404, so
 * that trying ids tells nothing about which applications exist.
 */
export async function requireReadableApplication(user: User, id: string) {
  const application = await findApplication(id);
  if (!application) throw notFound();
  const relation = await requireGroupReader(user, application.groupId);
  return { application, relation };
}

/** The application, if the user may act for its group (leader or facilitator); otherwise 404. */
export async function requireActableApplication(user: User, id: string) {
  const application = await findApplication(id);
  if (!application) throw notFound();
  const { relation, onBehalfOf } = await requireGroupActor(user, application.groupId);
  return { application, relation, onBehalfOf };
}

/**
 * The groups a person acts for: the one she leads, and those she supports as a facilitator. Read
 * once per request: her home asks for them and for her applications, which start from them.
 */
export function listActingGroups(user: User) {
  return oncePerRequest(`acting-groups:${user.id}`, () => readActingGroups(user));
}

async function readActingGroups(user: User) {
  const conditions = [];
  if (user.roles.includes("applicant")) conditions.push(heldBy(user.id));
  if (user.roles.includes("facilitator")) {
    const linked = db.select({ id: groupFacilitators.groupId }).from(groupFacilitators).where(eq(groupFacilitators.userId, user.id));
    conditions.push(inArray(groups.id, linked));
  }
  if (conditions.length === 0) return [];
  return db
    .select({ id: groups.id, name: groups.name, provinceSlug: groups.provinceSlug })
    .from(groups)
    .where(or(...conditions))
    .orderBy(...peopleOrder(groups.name))
    .limit(200);
}

/** Applications of the groups the person acts for, newest first, with round and group names. */
export async function listApplicationsFor(user: User) {
  const groupIds = (await listActingGroups(user)).map((g) => g.id);
  if (groupIds.length === 0) return [];
  return db
    .select({
      id: applications.id,
      status: applications.status,
      step: applications.step,
      title: applications.title,
      requestedAmount: applications.requestedAmount,
      createdAt: applications.createdAt,
      submittedAt: applications.submittedAt,
      screeningNote: applications.screeningNote,
      groupId: groups.id,
      groupName: groups.name,
      round: {
        id: rounds.id,
        titleVi: rounds.titleVi,
        titleEn: rounds.titleEn,
        status: rounds.status,
        opensAt: rounds.opensAt,
        closesAt: rounds.closesAt,
      },
    })
    .from(applications)
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .where(inArray(applications.groupId, groupIds))
    .orderBy(desc(applications.createdAt))
    .limit(200);
}

/** Open rounds, each with what the person's groups already have in it. */
export async function roundsForApplicant(user: User) {
  const [open, groupsOfUser] = await Promise.all([listOpenRounds(), listActingGroups(user)]);
  const existing =
    groupsOfUser.length === 0 || open.length === 0
      ? []
      : await db
          .select({ id: applications.id, roundId: applications.roundId, groupId: applications.groupId, status: applications.status, step: applications.step })
          .from(applications)
          .where(
            and(
              inArray(
                applications.groupId,
                groupsOfUser.map((g) => g.id),
              ),
              inArray(
                applications.roundId,
                open.map((r) => r.round.id),
              ),
            ),
          );
  const slugs = [...new Set(open.flatMap((r) => r.round.eligibleProvinces))];
  const names = slugs.length
    ? await db.select({ slug: provinces.slug, nameVi: provinces.nameVi, nameEn: provinces.nameEn }).from(provinces).where(inArray(provinces.slug, slugs))
    : [];
  return { open, groups: groupsOfUser, existing, provinceNames: names };
}

/**
 * Opens the group's draft for a round, or finds the one it already has: one application per
 * group per round. Two clicks at once both end on the same draft, because the database's unique
 * constraint refuses the second insert and we then read the first.
 */
export async function startApplication(user: User, input: { round: string; group: string }, ip: string): Promise<CommandResult<{ id: string; step: number }>> {
  const refused = (key: string): Refused => ({ ok: false, status: 400, errors: { round: key } });
  const round = await findRound(input.round);
  if (!round) return refused("errors.invalid");
  // Not the group's people: the same 404 as for a group that does not exist.
  const { onBehalfOf } = await requireGroupActor(user, input.group);
  const existing = await findExisting(input.round, input.group);
  if (existing) return { ok: true, id: existing.id, step: existing.step };
  if (!acceptsSubmissions(round)) return refused("applications.errors.roundClosed");
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(applications)
        .values({ roundId: input.round, groupId: input.group, createdBy: user.id })
        .returning({ id: applications.id });
      await writeAudit(tx, {
        actorId: user.id,
        onBehalfOf,
        action: "application.created",
        entityType: "application",
        entityId: row.id,
        ip,
        data: { roundId: input.round, groupId: input.group },
      });
      return row.id;
    });
    return { ok: true, id, step: 1 };
  } catch (error) {
    if (constraintViolated(error) !== "applications_one_per_group_round") throw error;
    const raced = await findExisting(input.round, input.group);
    if (!raced) throw error;
    return { ok: true, id: raced.id, step: raced.step };
  }
}

async function findExisting(roundId: string, groupId: string) {
  const [row] = await db
    .select({ id: applications.id, step: applications.step })
    .from(applications)
    .where(and(eq(applications.roundId, roundId), eq(applications.groupId, groupId)))
    .limit(1);
  return row ?? null;
}

export async function linesOf(applicationId: string, tx: DbOrTx = db) {
  return tx
    .select({ id: budgetLines.id, item: budgetLines.item, quantity: budgetLines.quantity, unitCost: budgetLines.unitCost, total: budgetLines.total })
    .from(budgetLines)
    .where(eq(budgetLines.applicationId, applicationId))
    .orderBy(asc(budgetLines.position));
}

/** The round and group an application belongs to, as the wizard and the overview show them. */
export async function contextOf(application: Application) {
  const [row] = await db
    .select({
      round: {
        id: rounds.id,
        titleVi: rounds.titleVi,
        titleEn: rounds.titleEn,
        status: rounds.status,
        opensAt: rounds.opensAt,
        closesAt: rounds.closesAt,
        eligibleActivities: rounds.eligibleActivities,
        minGrant: rounds.minGrant,
        maxGrant: rounds.maxGrant,
      },
      group: { id: groups.id, name: groups.name },
    })
    .from(applications)
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .where(eq(applications.id, application.id))
    .limit(1);
  return { ...row, acceptsSubmissions: acceptsSubmissions(row.round) };
}

/** Statuses in which the group may still change its answers (a clarification: only some). */
export function isEditable(status: ApplicationStatus): boolean {
  return status === "draft" || status === "clarification_requested";
}
