import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import { groupAccounts, groupFacilitators, groups } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { User } from "../../kernel/actor";

/** How a user stands to a group: its leader, one of its facilitators, an admin, or nobody. */
export type GroupRelation = "owner" | "facilitator" | "admin" | null;

/** The condition "this user holds the group's account" (its registered leader, or handed it). */
export function heldBy(userId: string): SQL {
  return or(
    eq(groups.ownerId, userId),
    exists(
      db
        .select({ one: sql`1` })
        .from(groupAccounts)
        .where(and(eq(groupAccounts.groupId, groups.id), eq(groupAccounts.userId, userId))),
    ),
  )!;
}

export async function relationTo(user: User, groupId: string, tx: DbOrTx = db): Promise<GroupRelation> {
  const [group] = await tx
    .select({ ownerId: groups.ownerId, held: user.roles.includes("applicant") ? heldBy(user.id) : sql<boolean>`false` })
    .from(groups)
    .where(eq(groups.id, groupId))
    .limit(1);
  if (!group) return null;
  if (user.roles.includes("applicant") && group.held) return "owner";
  if (user.roles.includes("facilitator")) {
    const [link] = await tx
      .select({ groupId: groupFacilitators.groupId })
      .from(groupFacilitators)
      .where(and(eq(groupFacilitators.groupId, groupId), eq(groupFacilitators.userId, user.id)))
      .limit(1);
    if (link) return "facilitator";
  }
  if (user.roles.includes("admin")) return "admin";
  return null;
}

/**
 * Who may act as the group (fill its forms, submit, answer): its leader and its facilitators.
 * Anyone else gets 404, so that guessing ids tells nothing about which groups exist. A
 * facilitator's actions are recorded "on behalf of" the group.
 */
export async function requireGroupActor(user: User, groupId: string, tx: DbOrTx = db) {
  const relation = await relationTo(user, groupId, tx);
  if (relation !== "owner" && relation !== "facilitator") throw new Response("Not found", { status: 404 });
  return { relation, onBehalfOf: relation === "facilitator" ? `group:${groupId}` : null };
}

/** Who may read the group's data: the group's people and admins. */
export async function requireGroupReader(user: User, groupId: string, tx: DbOrTx = db) {
  const relation = await relationTo(user, groupId, tx);
  if (!relation) throw new Response("Not found", { status: 404 });
  return relation;
}
