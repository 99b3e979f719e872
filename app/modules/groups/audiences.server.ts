import { and, eq, isNull } from "drizzle-orm";
import { groupAccounts, groupFacilitators, groups, users } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Audience, Recipient } from "../notifications/notifications.server";

const recipientColumns = { userId: users.id, name: users.name, email: users.email, phone: users.phone, locale: users.locale };

/**
 * A group's people: its leader's account and its facilitators, enabled ones only. Every notice
 * about a group's application, grant, payment or report goes to them (SPEC.md: the leader often
 * acts through her facilitator).
 */
export function groupPeople(groupId: string): Audience {
  return async (tx: DbOrTx): Promise<Recipient[]> => {
    const leader = await tx
      .select(recipientColumns)
      .from(groups)
      .innerJoin(users, and(eq(users.id, groups.ownerId), isNull(users.disabledAt)))
      .where(eq(groups.id, groupId));
    // Others who hold the group's account (a treasurer, a second leader), after its leader.
    const holders = await tx
      .select(recipientColumns)
      .from(groupAccounts)
      .innerJoin(users, and(eq(users.id, groupAccounts.userId), isNull(users.disabledAt)))
      .where(eq(groupAccounts.groupId, groupId))
      .orderBy(groupAccounts.addedAt);
    const facilitators = await tx
      .select(recipientColumns)
      .from(groupFacilitators)
      .innerJoin(users, and(eq(users.id, groupFacilitators.userId), isNull(users.disabledAt)))
      .where(eq(groupFacilitators.groupId, groupId))
      .orderBy(users.name);
    return [...leader, ...holders, ...facilitators];
  };
}

/** Only the group's leader (a notice meant for her, not her facilitators). */
export function groupLeader(groupId: string): Audience {
  return (tx: DbOrTx) =>
    tx
      .select(recipientColumns)
      .from(groups)
      .innerJoin(users, and(eq(users.id, groups.ownerId), isNull(users.disabledAt)))
      .where(eq(groups.id, groupId));
}
