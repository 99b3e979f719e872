import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { groupAccounts, groupHandovers, groups, users } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { keyedHash, sameSecret } from "../../infra/crypto.server";
import { hit } from "../../infra/rate-limit.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { issueHandedResetCode, newOneTimeCode } from "../auth/codes.server";
import { tell } from "../notifications/notifications.server";
import { preferencesOf, reachOf, type Reach } from "../notifications/preferences.server";
import { relationTo } from "./access.server";

// Who holds a group's account (DECISIONS.md 44): a facilitator who registered a group hands it to
// its leader's phone; a group may have more than one account (leader, treasurer), each recorded.

const HOUR = 3_600_000;
/** A hand-over code goes by SMS to a leader who may first have to walk to where there is signal. */
export const HANDOVER_TTL_MS = 72 * HOUR;
export const HANDOVER_TRIES = 5;
/** Hand-over codes sent to one number in an hour, whoever sends them. */
const HANDOVER_LIMIT = { name: "handover:phone", max: 3, windowMs: HOUR };

export type GroupAccountRole = (typeof groupAccounts.$inferSelect)["role"];

async function requireSupporter(actor: Actor, groupId: string, tx: DbOrTx = db): Promise<void> {
  const relation = await relationTo(actor.user, groupId, tx);
  if (relation !== "facilitator" && relation !== "admin") throw new Response("Not found", { status: 404 });
}

export interface GroupAccountRow {
  userId: string;
  name: string;
  phone: string | null;
  email: string | null;
  role: GroupAccountRole;
  addedAt: Date;
  reach: Reach[];
}

/** The group's account holders, each with how notices reach them; and the hand-overs still open. */
export async function groupAccountsOf(actor: Actor, groupId: string) {
  await requireSupporter(actor, groupId);
  const [group] = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, groupId));
  const holders = await db
    .select({ userId: users.id, name: users.name, phone: users.phone, email: users.email, role: groupAccounts.role, addedAt: groupAccounts.addedAt })
    .from(groupAccounts)
    .innerJoin(users, eq(users.id, groupAccounts.userId))
    .where(eq(groupAccounts.groupId, groupId))
    .orderBy(asc(groupAccounts.addedAt));
  const preferences = await preferencesOf(db, holders.map((h) => h.userId));
  const pending = await db
    .select({ id: groupHandovers.id, name: groupHandovers.name, phone: groupHandovers.phone, role: groupHandovers.role, expiresAt: groupHandovers.expiresAt })
    .from(groupHandovers)
    .where(and(eq(groupHandovers.groupId, groupId), isNull(groupHandovers.acceptedAt), gt(groupHandovers.expiresAt, new Date())))
    .orderBy(desc(groupHandovers.createdAt));
  const accounts: GroupAccountRow[] = holders.map((h) => ({
    ...h,
    reach: reachOf(h, preferences.get(h.userId) ?? { phoneChannel: "none", email: true, phoneAgreedAt: null }),
  }));
  return { group, accounts, pending };
}

function codeHash(id: string, code: string): string {
  return keyedHash("handover", `${id}:${code}`);
}

/**
 * A facilitator (or an admin) hands the group to a phone: a code goes there by Zalo or SMS, and the
 * person who has that phone, signed in with it, types it to become one of the group's holders.
 */
export async function startHandover(
  actor: Actor,
  groupId: string,
  input: { name: string; phone: string; role: GroupAccountRole },
): Promise<CommandResult> {
  await requireSupporter(actor, groupId);
  if (!(await hit(HANDOVER_LIMIT, input.phone)).allowed) return { ok: false, status: 429, errors: { "": "auth.tooManyRequests" } };
  return run(async (tx) => {
    const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));
    const [holder] = await tx
      .select({ id: users.id })
      .from(groupAccounts)
      .innerJoin(users, eq(users.id, groupAccounts.userId))
      .where(and(eq(groupAccounts.groupId, groupId), eq(users.phone, input.phone)));
    if (holder) refuse(409, { phone: "groups.accounts.alreadyHolder" });
    // A new hand-over to the same phone replaces the one before.
    await tx
      .update(groupHandovers)
      .set({ expiresAt: new Date() })
      .where(and(eq(groupHandovers.groupId, groupId), eq(groupHandovers.phone, input.phone), isNull(groupHandovers.acceptedAt)));
    const [row] = await tx
      .insert(groupHandovers)
      .values({ groupId, ...input, codeHash: "", invitedBy: actor.user.id, expiresAt: new Date(Date.now() + HANDOVER_TTL_MS) })
      .returning({ id: groupHandovers.id });
    const code = newOneTimeCode();
    await tx.update(groupHandovers).set({ codeHash: codeHash(row.id, code) }).where(eq(groupHandovers.id, row.id));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: `group:${groupId}`,
      action: "group.handover_started",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { handoverId: row.id, role: input.role },
    });
    await tell(tx, {
      to: [{ userId: null, name: input.name, email: null, phone: input.phone, locale: "vi" }],
      phone: { text: "handover", params: () => ({ by: actor.user.name, group: group.name }), code },
    });
    return {};
  });
}

/**
 * The person at the phone types the code, signed in with an account that has that phone number:
 * she becomes a holder of the group's account. A group with no leader account gets her as its
 * leader (`groups.owner_id`), which every page of the group's own follows.
 */
export async function acceptHandover(actor: Actor, code: string): Promise<CommandResult<{ groupId: string }>> {
  const phone = actor.user.phone;
  if (!phone) return { ok: false, status: 400, errors: { code: "groups.accounts.needPhone" } };
  return run(async (tx) => {
    const [open] = await tx
      .select()
      .from(groupHandovers)
      .where(and(eq(groupHandovers.phone, phone), isNull(groupHandovers.acceptedAt), gt(groupHandovers.expiresAt, new Date())))
      .orderBy(desc(groupHandovers.createdAt))
      .limit(1)
      .for("update");
    if (!open) refuse(400, { code: "auth.codeWrong" });
    if (!sameSecret(open.codeHash, codeHash(open.id, code))) {
      const attempts = open.attempts + 1;
      // The wrong try is counted even though the command is refused: written, then answered.
      await tx
        .update(groupHandovers)
        .set({ attempts, ...(attempts >= HANDOVER_TRIES ? { expiresAt: new Date() } : {}) })
        .where(eq(groupHandovers.id, open.id));
      return { wrong: true as const, groupId: open.groupId };
    }
    await tx.update(groupHandovers).set({ acceptedAt: new Date(), acceptedUserId: actor.user.id }).where(eq(groupHandovers.id, open.id));
    await tx
      .insert(groupAccounts)
      .values({ groupId: open.groupId, userId: actor.user.id, role: open.role, addedBy: open.invitedBy })
      .onConflictDoNothing();
    if (open.role === "leader") {
      await tx.update(groups).set({ ownerId: actor.user.id, updatedAt: new Date() }).where(and(eq(groups.id, open.groupId), isNull(groups.ownerId)));
    }
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "group.account_added",
      entityType: "group",
      entityId: open.groupId,
      ip: actor.ip,
      data: { userId: actor.user.id, role: open.role, handoverId: open.id, invitedBy: open.invitedBy },
    });
    return { groupId: open.groupId };
  }).then((result) => (result.ok && "wrong" in result ? { ok: false as const, status: 400 as const, errors: { code: "auth.codeWrong" } } : result));
}

/** Removes one holder of the group's account (a supporter does it, audited); the person's account stays. */
export async function removeGroupAccount(actor: Actor, groupId: string, userId: string): Promise<CommandResult> {
  await requireSupporter(actor, groupId);
  return run(async (tx) => {
    const [removed] = await tx
      .delete(groupAccounts)
      .where(and(eq(groupAccounts.groupId, groupId), eq(groupAccounts.userId, userId)))
      .returning({ role: groupAccounts.role });
    if (!removed) refuse(404, { "": "groups.accounts.notHolder" });
    // The leader named on the group passes to another leader account, if there is one.
    const [next] = await tx
      .select({ userId: groupAccounts.userId })
      .from(groupAccounts)
      .where(and(eq(groupAccounts.groupId, groupId), eq(groupAccounts.role, "leader")))
      .orderBy(asc(groupAccounts.addedAt))
      .limit(1);
    await tx
      .update(groups)
      .set({ ownerId: next?.userId ?? null, updatedAt: new Date() })
      .where(and(eq(groups.id, groupId), eq(groups.ownerId, userId)));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: `group:${groupId}`,
      action: "group.account_removed",
      entityType: "group",
      entityId: groupId,
      ip: actor.ip,
      data: { userId, role: removed.role },
    });
    return {};
  });
}

/**
 * A reset code for one of the group's holders whose phone does not work, shown once to the
 * supporter who asked, to hand over in person.
 */
export async function handResetCode(actor: Actor, groupId: string, userId: string): Promise<CommandResult<{ code: string; name: string }>> {
  await requireSupporter(actor, groupId);
  return run(async (tx) => {
    const [holder] = await tx
      .select({ name: users.name, disabledAt: users.disabledAt })
      .from(groupAccounts)
      .innerJoin(users, eq(users.id, groupAccounts.userId))
      .where(and(eq(groupAccounts.groupId, groupId), eq(groupAccounts.userId, userId)));
    if (!holder || holder.disabledAt) refuse(404, { "": "groups.accounts.notHolder" });
    const code = await issueHandedResetCode(tx, actor.user, userId, actor);
    return { code, name: holder.name };
  });
}

