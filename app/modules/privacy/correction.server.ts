import { and, eq } from "drizzle-orm";
import { dataCorrections, groupMembers } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Actor, User } from "../../kernel/actor";
import { refuseAll, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { relationTo } from "../groups/access.server";
import type { CorrectionInput } from "./privacy.schema";

// Correction (issue 15, item 3): staff, or the group for its own roster, put a member's details
// right with a reason. The reason lives in data_corrections (erasable); the append-only audit
// log gets the field names and the correction's id, never the values or the reason.

/** Admins, and the group's leader and facilitators; anyone else is told the member does not exist. */
async function requireCorrector(user: User, groupId: string, tx = db) {
  const relation = await relationTo(user, groupId, tx);
  if (!relation) throw new Response("Not found", { status: 404 });
  return relation === "facilitator" ? `group:${groupId}` : null;
}

export async function memberToCorrect(user: User, groupId: string, memberId: string) {
  await requireCorrector(user, groupId);
  const [member] = await db
    .select({ id: groupMembers.id, name: groupMembers.name, birthYear: groupMembers.birthYear })
    .from(groupMembers)
    .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)));
  if (!member) throw new Response("Not found", { status: 404 });
  return member;
}

export async function correctMember(actor: Actor, groupId: string, memberId: string, input: CorrectionInput): Promise<CommandResult<{ changed: string[] }>> {
  return run(async (tx) => {
    const onBehalfOf = await requireCorrector(actor.user, groupId, tx);
    const [current] = await tx
      .select({ name: groupMembers.name, birthYear: groupMembers.birthYear })
      .from(groupMembers)
      .where(and(eq(groupMembers.id, memberId), eq(groupMembers.groupId, groupId)))
      .for("update");
    if (!current) throw new Response("Not found", { status: 404 });
    const next = { name: input.name, birthYear: input.birthYear! };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => current[key] !== next[key]);
    if (changed.length === 0) refuseAll(400, "privacy.errors.nothingToCorrect");
    await tx.update(groupMembers).set(next).where(eq(groupMembers.id, memberId));
    const [row] = await tx
      .insert(dataCorrections)
      .values({ memberId, groupId, fields: changed, reason: input.reason, correctedBy: actor.user.id })
      .returning({ id: dataCorrections.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf,
      action: "privacy.member_corrected",
      entityType: "group_member",
      entityId: memberId,
      ip: actor.ip,
      data: { groupId, changed, correction: row.id },
    });
    return { changed };
  });
}
