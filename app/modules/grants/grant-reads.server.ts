import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { applications, groupFacilitators, groups, programmes, rounds, tranches, grants, users } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { isUuid } from "../../kernel/ids";
import type { User } from "../../kernel/actor";
import { parseAcceptanceConsent } from "./grants.schema";
import type { GrantStatus } from "./machine";
import { heldBy } from "../groups/access.server";
import { peopleOrder } from "../../infra/people-order.server";

// Reading grants: one grant with everything its agreement shows, and the lists of grants a group's
// people and the admin see. Who may read what is checked by the callers (agreement.server.ts and
// the routes); these functions only read.

const acceptor = alias(users, "acceptor");

/** One grant with its tranches, award, conditions, group, round and programme, and its acceptance; null if unknown. */
export async function loadGrant(grantId: string, tx: DbOrTx = db) {
  if (!isUuid(grantId)) return null;
  const [row] = await tx
    .select({
      grant: grants,
      groupName: groups.name,
      leaderName: groups.leaderName,
      ownerId: groups.ownerId,
      village: groups.village,
      commune: groups.commune,
      applicationTitle: applications.title,
      round: { id: rounds.id, titleVi: rounds.titleVi, titleEn: rounds.titleEn, reportSchedule: rounds.reportSchedule },
      programme: { id: programmes.id, nameVi: programmes.nameVi, nameEn: programmes.nameEn, donor: programmes.donor },
      acceptedByName: acceptor.name,
    })
    .from(grants)
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .leftJoin(acceptor, eq(acceptor.id, grants.acceptedBy))
    .where(eq(grants.id, grantId))
    .limit(1);
  if (!row) return null;
  const metBy = alias(users, "met_by");
  const parts = await tx
    .select({
      id: tranches.id,
      position: tranches.position,
      percent: tranches.percent,
      amount: tranches.amount,
      waitsFor: tranches.waitsFor,
      conditionMetAt: tranches.conditionMetAt,
      conditionMetBy: tranches.conditionMetBy,
      conditionMetByName: metBy.name,
      heldByConditions: tranches.heldByConditions,
    })
    .from(tranches)
    .leftJoin(metBy, eq(metBy.id, tranches.conditionMetBy))
    .where(eq(tranches.grantId, grantId))
    .orderBy(asc(tranches.position));
  const { grant } = row;
  return {
    id: grant.id,
    status: grant.status as GrantStatus,
    awardedAmount: grant.awardedAmount,
    releasedAmount: grant.releasedAmount,
    statusReason: grant.statusReason,
    currency: grant.currency,
    conditions: grant.conditions,
    conditionsMetAt: grant.conditionsMetAt,
    createdAt: grant.createdAt,
    applicationId: grant.applicationId,
    applicationTitle: row.applicationTitle,
    group: { id: grant.groupId, name: row.groupName, leaderName: row.leaderName, ownerId: row.ownerId, village: row.village, commune: row.commune },
    round: row.round,
    programme: row.programme,
    acceptance:
      grant.acceptedAt && grant.acceptedBy
        ? { at: grant.acceptedAt, by: grant.acceptedBy, byName: row.acceptedByName ?? "", consent: parseAcceptanceConsent(grant.acceptanceConsent) }
        : null,
    tranches: parts,
  };
}

export type Grant = NonNullable<Awaited<ReturnType<typeof loadGrant>>>;

export const GRANTS_PAGE_SIZE = 30;

const listColumns = {
  id: grants.id,
  status: grants.status,
  awardedAmount: grants.awardedAmount,
  acceptedAt: grants.acceptedAt,
  acceptanceConsent: grants.acceptanceConsent,
  createdAt: grants.createdAt,
  groupId: grants.groupId,
  groupName: groups.name,
  applicationTitle: applications.title,
  roundTitleVi: rounds.titleVi,
  roundTitleEn: rounds.titleEn,
  reportSchedule: rounds.reportSchedule,
  acceptedByName: acceptor.name,
  tranches: sql<number>`(select count(*) from ${tranches} where ${tranches.grantId} = ${grants.id})`.mapWith(Number),
  tranchesMet: sql<number>`(select count(*) from ${tranches} where ${tranches.grantId} = ${grants.id} and ${tranches.conditionMetAt} is not null)`.mapWith(Number),
};

async function listWhere(where: SQL | undefined, page: number, order: "newest" | "group") {
  const rows = await db
    .select(listColumns)
    .from(grants)
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .leftJoin(acceptor, eq(acceptor.id, grants.acceptedBy))
    .where(where)
    .orderBy(...(order === "group" ? [...peopleOrder(groups.name), asc(grants.id)] : [desc(grants.createdAt), asc(grants.id)]))
    .limit(GRANTS_PAGE_SIZE + 1)
    .offset((page - 1) * GRANTS_PAGE_SIZE);
  return {
    grants: rows.slice(0, GRANTS_PAGE_SIZE).map((r) => ({
      ...r,
      status: r.status as GrantStatus,
      onBehalf: parseAcceptanceConsent(r.acceptanceConsent)?.method !== "self" && r.acceptedAt !== null,
    })),
    hasNext: rows.length > GRANTS_PAGE_SIZE,
  };
}

/**
 * The grants of the groups a user acts for: a leader's own group, a facilitator's groups. Staff
 * without such links get none (they read grants by round).
 */
export async function listGrantsForUser(user: User, page = 1) {
  const conditions: SQL[] = [];
  if (user.roles.includes("applicant")) conditions.push(heldBy(user.id));
  if (user.roles.includes("facilitator")) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(groupFacilitators)
          .where(and(eq(groupFacilitators.groupId, grants.groupId), eq(groupFacilitators.userId, user.id))),
      ),
    );
  }
  if (conditions.length === 0) return { grants: [], hasNext: false };
  return listWhere(or(...conditions), page, "newest");
}

/** One group's grants, newest first. */
export async function listGrantsOfGroup(groupId: string, page = 1) {
  if (!isUuid(groupId)) return { grants: [], hasNext: false };
  return listWhere(eq(grants.groupId, groupId), page, "newest");
}

/** A round's grants, by group name, for the admin. */
export async function listGrantsOfRound(roundId: string, page = 1) {
  if (!isUuid(roundId)) return { grants: [], hasNext: false };
  return listWhere(eq(grants.roundId, roundId), page, "group");
}

/** The grants made of these applications (at most one each), for pages that say what comes next. */
export async function grantsOfApplications(applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .select({ id: grants.id, applicationId: grants.applicationId, status: grants.status })
    .from(grants)
    .where(inArray(grants.applicationId, [...applicationIds]));
}

/** The tranches of several grants at once, for lists that say what comes next. */
export async function tranchesOf(grantIds: readonly string[]) {
  if (grantIds.length === 0) return [];
  return db
    .select({
      id: tranches.id,
      grantId: tranches.grantId,
      position: tranches.position,
      amount: tranches.amount,
      waitsFor: tranches.waitsFor,
      conditionMetAt: tranches.conditionMetAt,
      heldByConditions: tranches.heldByConditions,
    })
    .from(tranches)
    .where(inArray(tranches.grantId, [...grantIds]))
    .orderBy(asc(tranches.grantId), asc(tranches.position));
}

/** The round's titles and report schedule, for its grants page; null if unknown. */
export async function roundHeader(roundId: string) {
  if (!isUuid(roundId)) return null;
  const [row] = await db
    .select({ id: rounds.id, titleVi: rounds.titleVi, titleEn: rounds.titleEn, programmeId: rounds.programmeId })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .limit(1);
  return row ?? null;
}
