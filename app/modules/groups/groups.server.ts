import { and, asc, count, desc, eq, exists, ilike, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { groupAccounts, groupFacilitators, groupMembers, groups, provinces, users } from "../../../db/schema";
import { randomUUID } from "node:crypto";
import { decrypt, encrypt, sealedAt } from "../../infra/crypto.server";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor, User } from "../../kernel/actor";
import { refuse, refuseAll, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { requireGroupActor, requireGroupReader, type GroupRelation } from "./access.server";
import type { GroupInput } from "./groups.schema";
import type { ProvinceOption } from "./provinces";
import { heldBy } from "./access.server";
import { peopleOrder } from "../../infra/people-order.server";

/** The 34 units, in alphabetical order of their names without marks. */
export async function listProvinces(): Promise<ProvinceOption[]> {
  return db
    .select({ slug: provinces.slug, nameVi: provinces.nameVi, nameEn: provinces.nameEn, formerly: provinces.formerly })
    .from(provinces)
    .orderBy(asc(provinces.nameEn));
}

async function provinceExists(tx: DbOrTx, slug: string): Promise<boolean> {
  const [row] = await tx.select({ slug: provinces.slug }).from(provinces).where(eq(provinces.slug, slug)).limit(1);
  return Boolean(row);
}

export function maskAccount(last4: string | null): string | null {
  return last4 ? `•••• ${last4}` : null;
}

/** The account sealed to this group's row: copied onto another group's row, it does not open. */
export function bankAccountAt(groupId: string): string {
  return sealedAt("groups", "bank_account_enc", groupId);
}

function bankColumns(groupId: string, account: string) {
  return { bankAccountEnc: encrypt(account, bankAccountAt(groupId)), bankAccountLast4: account.slice(-4) };
}

/**
 * Registers a group. A leader registering herself becomes its owner (one group per leader); a
 * facilitator is linked to the group she registers and acts for it, and it has no owner until a
 * leader account is linked.
 */
export async function registerGroup(actor: Actor, input: GroupInput): Promise<CommandResult<{ id: string }>> {
  const asFacilitator = actor.user.roles.includes("facilitator");
  return run(async (tx) => {
    if (!(await provinceExists(tx, input.province))) refuse(400, { province: "groups.errors.unknownProvince" });
    if (!asFacilitator) {
      // Locking the leader's own row makes two registrations sent at once run one after the
      // other, so the second sees the first and is refused.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.user.id)).for("update");
      const [existing] = await tx.select({ id: groups.id }).from(groups).where(heldBy(actor.user.id)).limit(1);
      if (existing) refuseAll(400, "groups.errors.alreadyRegistered");
    }
    // The id is made here, so that the account can be sealed to the row it goes into.
    const id = randomUUID();
    const [row] = await tx
      .insert(groups)
      .values({
        id,
        name: input.name,
        kind: input.kind,
        provinceSlug: input.province,
        commune: input.commune,
        village: input.village,
        yearFormed: input.yearFormed!,
        leaderName: input.leaderName,
        phone: input.phone,
        bankName: input.bankName || null,
        bankAccountHolder: input.bankAccountHolder || null,
        ...(input.bankAccount ? bankColumns(id, input.bankAccount) : {}),
        ownerId: asFacilitator ? null : actor.user.id,
        createdBy: actor.user.id,
      })
      .returning({ id: groups.id });
    if (asFacilitator) await tx.insert(groupFacilitators).values({ groupId: row.id, userId: actor.user.id });
    else await tx.insert(groupAccounts).values({ groupId: row.id, userId: actor.user.id, role: "leader", addedBy: actor.user.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: asFacilitator ? `group:${row.id}` : null,
      action: "group.registered",
      entityType: "group",
      entityId: row.id,
      ip: actor.ip,
      data: { registeredBy: asFacilitator ? "facilitator" : "leader", bankAccount: Boolean(input.bankAccount) },
    });
    return { id: row.id };
  });
}

/**
 * Saves the group's details. The audit row names the fields that changed, not their values:
 * the log is append-only, so personal details written there could never be erased.
 */
export async function updateGroup(actor: Actor, groupId: string, input: GroupInput): Promise<CommandResult<{ changed: string[] }>> {
  return run(async (tx) => {
    const { onBehalfOf } = await requireGroupActor(actor.user, groupId, tx);
    const [current] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
    if (!(await provinceExists(tx, input.province))) refuse(400, { province: "groups.errors.unknownProvince" });
    const next = {
      name: input.name,
      kind: input.kind,
      provinceSlug: input.province,
      commune: input.commune,
      village: input.village,
      yearFormed: input.yearFormed!,
      leaderName: input.leaderName,
      phone: input.phone,
      bankName: input.bankName || null,
      bankAccountHolder: input.bankAccountHolder || null,
    };
    const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter((key) => current[key] !== next[key]);
    if (input.bankAccount) changed.push("bankAccount");
    if (changed.length === 0) return { changed };
    await tx
      .update(groups)
      .set({ ...next, ...(input.bankAccount ? bankColumns(groupId, input.bankAccount) : {}), updatedAt: new Date() })
      .where(eq(groups.id, groupId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf,
      action: "group.updated",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { changed },
    });
    return { changed };
  });
}

/**
 * The full account number, for the group's people and admins, by an explicit request: every
 * reveal is written to the audit log in the same transaction, so none goes unrecorded.
 */
export async function revealBankAccount(actor: Actor, groupId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const relation = await requireGroupReader(actor.user, groupId, tx);
    const [row] = await tx.select({ enc: groups.bankAccountEnc }).from(groups).where(eq(groups.id, groupId));
    if (!row?.enc) return null;
    const account = decrypt(row.enc, bankAccountAt(groupId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: relation === "facilitator" ? `group:${groupId}` : null,
      action: "group.bank_account_revealed",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { as: relation },
    });
    return account;
  });
}

/** What the group's page shows: never the encrypted account, only its last four digits. */
export async function findGroupForReader(user: User, groupId: string) {
  const relation: GroupRelation = await requireGroupReader(user, groupId);
  const [row] = await db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      provinceSlug: groups.provinceSlug,
      provinceVi: provinces.nameVi,
      provinceEn: provinces.nameEn,
      commune: groups.commune,
      village: groups.village,
      yearFormed: groups.yearFormed,
      leaderName: groups.leaderName,
      phone: groups.phone,
      bankName: groups.bankName,
      bankAccountLast4: groups.bankAccountLast4,
      bankAccountHolder: groups.bankAccountHolder,
      ownerId: groups.ownerId,
      createdAt: groups.createdAt,
    })
    .from(groups)
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug))
    .where(eq(groups.id, groupId));
  const facilitators = await db
    .select({ id: users.id, name: users.name })
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(eq(groupFacilitators.groupId, groupId))
    .orderBy(...peopleOrder(users.name));
  return { group: { ...row, bankAccountMasked: maskAccount(row.bankAccountLast4) }, facilitators, relation };
}

/** The group as its edit form starts: the account number is not sent to the page. */
export async function findGroupForActor(user: User, groupId: string) {
  await requireGroupActor(user, groupId);
  const [row] = await db.select().from(groups).where(eq(groups.id, groupId));
  const { bankAccountEnc: _sealed, ...rest } = row;
  return { ...rest, bankAccountMasked: maskAccount(row.bankAccountLast4) };
}

export const GROUPS_PAGE_SIZE = 30;

export type GroupScope = { kind: "all" } | { kind: "owner"; userId: string } | { kind: "facilitator"; userId: string };

/** The groups a user may see, as the /groups page lists them: an admin all, others their own. */
export function scopeFor(user: User): GroupScope {
  if (user.roles.includes("admin")) return { kind: "all" };
  if (user.roles.includes("facilitator")) return { kind: "facilitator", userId: user.id };
  return { kind: "owner", userId: user.id };
}

function scopeCondition(scope: GroupScope): SQL | undefined {
  if (scope.kind === "owner") return heldBy(scope.userId);
  if (scope.kind === "facilitator") {
    return exists(
      db
        .select({ one: sql`1` })
        .from(groupFacilitators)
        .where(and(eq(groupFacilitators.groupId, groups.id), eq(groupFacilitators.userId, scope.userId))),
    );
  }
  return undefined;
}

/** A page of groups, newest first; `search` matches names, places and province, marks ignored. */
export async function listGroups(options: { scope: GroupScope; page: number; search?: string }) {
  const search = options.search?.trim();
  const pattern = search ? `%${search.replace(/[%_\\]/g, "\\$&")}%` : undefined;
  const folded = (column: AnyColumn) => sql`unaccent_vi(${column}) ilike unaccent_vi(${pattern})`;
  const matches = pattern
    ? or(
        folded(groups.name),
        folded(groups.leaderName),
        folded(groups.commune),
        folded(groups.village),
        folded(provinces.nameVi),
        ilike(provinces.nameEn, pattern),
        ilike(groups.phone, pattern),
      )
    : undefined;
  const rows = await db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      provinceVi: provinces.nameVi,
      provinceEn: provinces.nameEn,
      commune: groups.commune,
      village: groups.village,
      leaderName: groups.leaderName,
      members: sql<number>`(select count(*) from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`.mapWith(Number),
    })
    .from(groups)
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug))
    .where(and(scopeCondition(options.scope), matches))
    .orderBy(desc(groups.createdAt), asc(groups.id))
    .limit(GROUPS_PAGE_SIZE + 1)
    .offset((options.page - 1) * GROUPS_PAGE_SIZE);
  return { groups: rows.slice(0, GROUPS_PAGE_SIZE), hasNext: rows.length > GROUPS_PAGE_SIZE };
}

/** The groups a user can act for (fill forms, apply): hers as leader, or those she supports. */
export async function listGroupsActableBy(user: User): Promise<{ id: string; name: string }[]> {
  const conditions: SQL[] = [];
  if (user.roles.includes("applicant")) conditions.push(heldBy(user.id));
  if (user.roles.includes("facilitator")) conditions.push(scopeCondition({ kind: "facilitator", userId: user.id })!);
  if (conditions.length === 0) return [];
  return db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(or(...conditions))
    .orderBy(...peopleOrder(groups.name));
}

/** The group an applicant leads, if she has registered it. */
export async function findOwnedGroupId(userId: string): Promise<string | null> {
  const [row] = await db.select({ id: groups.id }).from(groups).where(heldBy(userId)).limit(1);
  return row?.id ?? null;
}

export interface GroupSummary {
  members: number;
  women: number;
  /** Distinct ethnic groups among members who said theirs. */
  ethnicGroups: number;
  /** At least one member who is a woman and whose role is "leader". */
  hasWomanLeader: boolean;
  /** More than half of the members are women. */
  womenMajority: boolean;
}

/**
 * The counts the eligibility check needs (SPEC.md step 4: at least one woman leader and a
 * majority of women members). The rule for "woman leader" is the roster's: a female member whose
 * role is "leader" — the free-text leader name on the group is not compared with anything.
 */
export async function groupSummary(groupId: string, tx: DbOrTx = db): Promise<GroupSummary> {
  const [row] = await tx
    .select({
      members: count(),
      women: sql<number>`count(*) filter (where ${groupMembers.gender} = 'female')`.mapWith(Number),
      ethnicGroups: sql<number>`count(distinct ${groupMembers.ethnicityCode})`.mapWith(Number),
      womenLeaders: sql<number>`count(*) filter (where ${groupMembers.gender} = 'female' and ${groupMembers.role} = 'leader')`.mapWith(
        Number,
      ),
    })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId));
  const members = row?.members ?? 0;
  const women = row?.women ?? 0;
  return {
    members,
    women,
    ethnicGroups: row?.ethnicGroups ?? 0,
    hasWomanLeader: (row?.womenLeaders ?? 0) > 0,
    womenMajority: women * 2 > members,
  };
}

/** The group's name and how the user stands to it: readers (and admins) or, with "act", its people only. */
export async function groupHeader(user: User, groupId: string, need: "read" | "act") {
  const relation = need === "act" ? (await requireGroupActor(user, groupId)).relation : await requireGroupReader(user, groupId);
  const [row] = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, groupId));
  return { ...row, relation };
}
