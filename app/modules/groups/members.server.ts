import { and, asc, eq } from "drizzle-orm";
import { ethnicGroups, groupMembers, users } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor, User } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { appendConsent } from "../consents/ledger.server";
import { requireGroupActor, requireGroupReader } from "./access.server";
import { PREFER_NOT_TO_SAY, type MemberInput } from "./groups.schema";

// Members' data is personal data of vulnerable people (SPEC.md step 2): every function here
// checks the caller's link to the group itself, and audit rows name the fields changed, never
// their values (the audit log is append-only and could not be cleaned afterwards).

export async function listEthnicGroups() {
  return db.select({ code: ethnicGroups.code, nameVi: ethnicGroups.nameVi }).from(ethnicGroups).orderBy(asc(ethnicGroups.code));
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** The roster, for the group's people and admins. */
export async function listMembers(user: User, groupId: string) {
  await requireGroupReader(user, groupId);
  return db
    .select({
      id: groupMembers.id,
      name: groupMembers.name,
      gender: groupMembers.gender,
      ethnicityCode: groupMembers.ethnicityCode,
      ethnicity: ethnicGroups.nameVi,
      birthYear: groupMembers.birthYear,
      role: groupMembers.role,
      consentGivenOn: groupMembers.consentGivenOn,
      consentMethod: groupMembers.consentMethod,
      consentWitness: groupMembers.consentWitness,
      consentRecordedBy: users.name,
    })
    .from(groupMembers)
    .leftJoin(ethnicGroups, eq(ethnicGroups.code, groupMembers.ethnicityCode))
    .innerJoin(users, eq(users.id, groupMembers.consentRecordedBy))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(groupMembers.createdAt), asc(groupMembers.id));
}

/** One member, for her edit form: only through the group she belongs to. */
export async function findMemberForActor(user: User, groupId: string, memberId: string) {
  await requireGroupActor(user, groupId);
  const [row] = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)));
  if (!row) notFound();
  return row;
}

async function ethnicityCode(tx: DbOrTx, value: string): Promise<string | null | undefined> {
  if (value === PREFER_NOT_TO_SAY) return null;
  const [row] = await tx.select({ code: ethnicGroups.code }).from(ethnicGroups).where(eq(ethnicGroups.code, value)).limit(1);
  return row ? row.code : undefined;
}

function columns(input: MemberInput, ethnicity: string | null) {
  return {
    name: input.name,
    gender: input.gender,
    ethnicityCode: ethnicity,
    birthYear: input.birthYear!,
    role: input.role,
    consentGivenOn: input.consentGivenOn!,
    consentMethod: input.consentMethod,
    consentWitness: input.consentMethod === "oral_witnessed" ? input.consentWitness : null,
  };
}

export async function addMember(actor: Actor, groupId: string, input: MemberInput): Promise<CommandResult<{ id: string }>> {
  return run(async (tx) => {
    const { onBehalfOf } = await requireGroupActor(actor.user, groupId, tx);
    const ethnicity = await ethnicityCode(tx, input.ethnicity);
    if (ethnicity === undefined) refuse(400, { ethnicity: "groups.errors.unknownEthnicity" });
    const [row] = await tx
      .insert(groupMembers)
      // Whoever records the member records her consent: the server says who, never the form.
      .values({ groupId, ...columns(input, ethnicity), consentRecordedBy: actor.user.id })
      .returning({ id: groupMembers.id });
    // Her consent to being recorded is the first event of her consent ledger (app/modules/privacy).
    await appendConsent(tx, {
      subjectKind: "member",
      subjectId: row.id,
      groupId,
      purpose: "application",
      given: true,
      way: input.consentMethod,
      witness: input.consentMethod === "oral_witnessed" ? input.consentWitness : null,
      saidOn: input.consentGivenOn!,
      recordedBy: actor.user.id,
      onBehalfOf,
    });
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf,
      action: "group.member_added",
      entityType: "group_member",
      entityId: row.id,
      ip: actor.ip,
      data: { groupId },
    });
    return { id: row.id };
  });
}

export async function updateMember(
  actor: Actor,
  groupId: string,
  memberId: string,
  input: MemberInput,
): Promise<CommandResult<{ changed: string[] }>> {
  return run(async (tx) => {
    const { onBehalfOf } = await requireGroupActor(actor.user, groupId, tx);
    const [current] = await tx
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)))
      .for("update");
    if (!current) notFound();
    const ethnicity = await ethnicityCode(tx, input.ethnicity);
    if (ethnicity === undefined) refuse(400, { ethnicity: "groups.errors.unknownEthnicity" });
    const next = columns(input, ethnicity);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => current[key] !== next[key]);
    if (changed.length === 0) return { changed };
    const consentChanged = changed.some((key) => key.startsWith("consent"));
    await tx
      .update(groupMembers)
      .set({ ...next, ...(consentChanged ? { consentRecordedBy: actor.user.id } : {}) })
      .where(eq(groupMembers.id, memberId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf,
      action: "group.member_updated",
      entityType: "group_member",
      entityId: memberId,
      ip: actor.ip,
      data: { groupId, changed },
    });
    return { changed };
  });
}

export async function removeMember(actor: Actor, groupId: string, memberId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { onBehalfOf } = await requireGroupActor(actor.user, groupId, tx);
    const removed = await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)))
      .returning({ id: groupMembers.id });
    if (removed.length === 0) notFound();
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf,
      action: "group.member_removed",
      entityType: "group_member",
      entityId: memberId,
      ip: actor.ip,
      data: { groupId },
    });
  });
}
