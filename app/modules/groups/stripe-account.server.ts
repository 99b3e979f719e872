import { eq } from "drizzle-orm";
import { groups } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { writeAudit } from "../audit/audit.server";
import type { Actor } from "../../kernel/actor";

// The group's Stripe connected account, kept on the group and set by finance (issue #5): the
// destination of its Stripe transfers. An account id is not personal data, so the audit row
// keeps the old and the new value.

/** The group's name and account, for the finance page; null when no such group. */
export async function stripeAccountOf(groupId: string) {
  const [group] = await db.select({ id: groups.id, name: groups.name, stripeAccountId: groups.stripeAccountId }).from(groups).where(eq(groups.id, groupId));
  return group ?? null;
}

/**
 * Sets (or, with null, removes) the account. A payment already under way keeps the destination
 * it was sent to; only later payments use the new one. Answers false when no such group.
 */
export async function setStripeAccount(actor: Actor, groupId: string, stripeAccountId: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [group] = await tx.select({ id: groups.id, stripeAccountId: groups.stripeAccountId }).from(groups).where(eq(groups.id, groupId)).for("update");
    if (!group) return false;
    if (group.stripeAccountId === stripeAccountId) return true;
    await tx.update(groups).set({ stripeAccountId, updatedAt: new Date() }).where(eq(groups.id, groupId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "group.stripe_account_set",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { from: group.stripeAccountId, to: stripeAccountId },
    });
    return true;
  });
}
