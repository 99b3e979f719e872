import { and, eq, isNull, notExists, sql } from "drizzle-orm";
import { groupFacilitators, groups, userRoles, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { tell } from "../notifications/notifications.server";
import { oneUser } from "../users/audiences.server";
import { peopleOrder } from "../../infra/people-order.server";

// Admin only (the route enforces the role): which facilitators support which group.

/** The group's name and its linked facilitators; 404 for a group that does not exist. */
export async function facilitatorsOf(groupId: string) {
  const [group] = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, groupId));
  if (!group) throw new Response("Not found", { status: 404 });
  const linked = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone })
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(eq(groupFacilitators.groupId, groupId))
    .orderBy(...peopleOrder(users.name));
  // Active facilitators not yet linked: the choices of the "link" form.
  const candidates = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "facilitator")))
    .where(
      and(
        isNull(users.disabledAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(groupFacilitators)
            .where(and(eq(groupFacilitators.groupId, groupId), eq(groupFacilitators.userId, users.id))),
        ),
      ),
    )
    .orderBy(...peopleOrder(users.name));
  return { group, linked, candidates };
}

export async function linkFacilitator(actor: Actor, groupId: string, userId: string): Promise<CommandResult> {
  return run(async (tx) => {
    const [group] = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, groupId)).for("update");
    if (!group) throw new Response("Not found", { status: 404 });
    const [facilitator] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "facilitator")))
      .where(and(eq(users.id, userId), isNull(users.disabledAt)));
    if (!facilitator) refuse(400, { userId: "groups.errors.notAFacilitator" });
    const inserted = await tx
      .insert(groupFacilitators)
      .values({ groupId, userId })
      .onConflictDoNothing()
      .returning({ userId: groupFacilitators.userId });
    if (inserted.length === 0) return {};
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "group.facilitator_linked",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { facilitatorId: userId },
    });
    await tell(tx, { to: oneUser(userId), inApp: { messageKey: "groups.notice.linked", params: { group: group.name }, link: `/groups/${groupId}` } });
    return {};
  });
}

export async function unlinkFacilitator(actor: Actor, groupId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for("update");
    if (!group) throw new Response("Not found", { status: 404 });
    const removed = await tx
      .delete(groupFacilitators)
      .where(and(eq(groupFacilitators.groupId, groupId), eq(groupFacilitators.userId, userId)))
      .returning({ userId: groupFacilitators.userId });
    // Unlinking someone who was not linked changes nothing, so there is nothing to record.
    if (removed.length === 0) return;
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "group.facilitator_unlinked",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { facilitatorId: userId },
    });
  });
}
