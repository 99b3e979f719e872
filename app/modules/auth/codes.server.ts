import { randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { oneTimeCodes, userRoles, users } from "../../../db/schema";
import { keyedHash, sameSecret } from "../../infra/crypto.server";
import { db, type DbOrTx } from "../../infra/db.server";
import { hitAll, type Limit } from "../../infra/rate-limit.server";
import { endAllSessionsOf, endSession, startSession } from "../../infra/session.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult, Refused } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { oneUser } from "../users/audiences.server";
import { tell } from "../notifications/notifications.server";
import type { RequestMeta } from "./auth.server";
import { hashPassword } from "./password.server";

// One-time codes for people whose phone is their only address (DECISIONS.md 44): six digits sent
// by Zalo or SMS to log in or to set a new password, or issued by staff to hand over in person.

const MINUTE = 60_000;
export const CODE_TTL_MS = 5 * MINUTE;
/** A code handed over in person may take a while to be typed: the leader walks home first. */
export const HANDED_CODE_TTL_MS = 60 * MINUTE;
export const CODE_TRIES = 5;

export const CODE_LIMITS = {
  /** Codes sent to one number, whoever asks: nobody's phone is flooded, and the bill stays small. */
  codeNumber: { name: "code:phone", max: 3, windowMs: 60 * MINUTE },
  /** Codes asked for from one address, to any numbers. */
  codeAddress: { name: "code:ip", max: 10, windowMs: 60 * MINUTE },
  /** Codes typed from one address: five tries per code, and this across codes and numbers. */
  verifyAddress: { name: "code-verify:ip", max: 30, windowMs: 15 * MINUTE },
} satisfies Record<string, Limit>;

export type CodePurpose = (typeof oneTimeCodes.$inferSelect)["purpose"];

const tooMany: Refused = { ok: false, status: 429, errors: { "": "auth.tooManyRequests" } };
// One answer for a wrong code, an expired one, a spent one and a number with no account.
const wrongCode: Refused = { ok: false, status: 400, errors: { code: "auth.codeWrong" } };

function codeHash(id: string, code: string): string {
  return keyedHash("one-time-code", `${id}:${code}`);
}

/** Six random digits: a code sent to a phone or handed over in person. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

async function activeAccountByPhone(phone: string, tx: DbOrTx = db) {
  const [row] = await tx.select().from(users).where(eq(users.phone, phone)).limit(1);
  return row && !row.disabledAt ? row : null;
}

/** A new code for the account, replacing any it had for the same use. Returns the code itself. */
async function issue(tx: DbOrTx, userId: string, purpose: CodePurpose, ttlMs: number, issuedBy: string | null): Promise<string> {
  await tx
    .update(oneTimeCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)));
  const [row] = await tx
    .insert(oneTimeCodes)
    .values({ userId, purpose, codeHash: "", issuedBy, expiresAt: new Date(Date.now() + ttlMs) })
    .returning({ id: oneTimeCodes.id });
  const code = newOneTimeCode();
  await tx.update(oneTimeCodes).set({ codeHash: codeHash(row.id, code) }).where(eq(oneTimeCodes.id, row.id));
  return code;
}

/**
 * Sends a code to a phone number when an active account has it. The answer is the same either
 * way (and the limits count every number asked for), so the form tells nobody who is registered.
 */
export async function sendCode(phone: string, purpose: CodePurpose, meta: RequestMeta): Promise<{ ok: true } | Refused> {
  const allowed = await hitAll([
    [CODE_LIMITS.codeNumber, phone],
    [CODE_LIMITS.codeAddress, meta.ip],
  ]);
  if (!allowed.allowed) return tooMany;
  const account = await activeAccountByPhone(phone);
  await db.transaction(async (tx) => {
    await writeAudit(tx, {
      actorId: account?.id,
      action: "auth.code_requested",
      entityType: "account",
      entityId: phone,
      ip: meta.ip,
      data: { purpose, sent: Boolean(account) },
    });
    if (!account) return;
    const code = await issue(tx, account.id, purpose, CODE_TTL_MS, null);
    await tell(tx, {
      to: oneUser(account.id),
      phone: { text: purpose === "login" ? "code-login" : "code-reset", params: () => ({ minutes: String(CODE_TTL_MS / MINUTE) }), code },
    });
  });
  return { ok: true };
}

/**
 * Spends a code if it is right: the newest open code of this use for the number's account, within
 * its time and tries. A wrong code costs a try; the fifth wrong one ends the code.
 */
async function spend(tx: DbOrTx, phone: string, code: string, purpose: CodePurpose, meta: RequestMeta) {
  const account = await activeAccountByPhone(phone, tx);
  if (!account) return null;
  const [open] = await tx
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, account.id),
        eq(oneTimeCodes.purpose, purpose),
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .for("update");
  if (!open) return null;
  if (!sameSecret(open.codeHash, codeHash(open.id, code))) {
    const attempts = open.attempts + 1;
    await tx
      .update(oneTimeCodes)
      .set({ attempts, ...(attempts >= CODE_TRIES ? { usedAt: new Date() } : {}) })
      .where(eq(oneTimeCodes.id, open.id));
    await writeAudit(tx, { actorId: account.id, action: "auth.code_wrong", entityType: "user", entityId: account.id, ip: meta.ip, data: { purpose, attempts } });
    return null;
  }
  await tx.update(oneTimeCodes).set({ usedAt: new Date() }).where(eq(oneTimeCodes.id, open.id));
  return { account, issuedBy: open.issuedBy };
}

async function verifyAllowed(meta: RequestMeta): Promise<boolean> {
  return (await hitAll([[CODE_LIMITS.verifyAddress, meta.ip]])).allowed;
}

/** Logs in with a code sent to her phone; a fresh session, as with a password. */
export async function logInWithCode(
  request: Request,
  input: { phone: string; code: string },
  meta: RequestMeta,
): Promise<{ ok: true; setCookie: string; userId: string } | Refused> {
  if (!(await verifyAllowed(meta))) return tooMany;
  // A wrong try must be counted even though the log-in fails: it commits on its own.
  const spent = await db.transaction((tx) => spend(tx, input.phone, input.code, "login", meta));
  if (!spent) return wrongCode;
  const setCookie = await db.transaction(async (tx) => {
    await endSession(request, tx);
    const cookie = await startSession(tx, spent.account.id, meta);
    await writeAudit(tx, { actorId: spent.account.id, action: "auth.login", entityType: "user", entityId: spent.account.id, ip: meta.ip, data: { via: "code" } });
    return cookie;
  });
  return { ok: true, setCookie, userId: spent.account.id };
}

/** Sets a new password with a code (sent to her phone, or handed over by staff); ends every session. */
export async function resetWithCode(
  input: { phone: string; code: string; password: string },
  meta: RequestMeta,
): Promise<{ ok: true } | Refused> {
  if (!(await verifyAllowed(meta))) return tooMany;
  const passwordHash = await hashPassword(input.password);
  const spent = await db.transaction((tx) => spend(tx, input.phone, input.code, "reset", meta));
  if (!spent) return wrongCode;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, spent.account.id));
    await endAllSessionsOf(tx, spent.account.id);
    await writeAudit(tx, {
      actorId: spent.account.id,
      action: "auth.password_reset",
      entityType: "user",
      entityId: spent.account.id,
      ip: meta.ip,
      data: { via: spent.issuedBy ? "handed_code" : "code" },
    });
  });
  return { ok: true };
}

/**
 * A reset code issued by staff for a leader whose phone does not work: shown once on their screen
 * to hand over in person, recorded in the audit log (never the code itself). Who may do it for
 * whom is the caller's guard (an admin for anyone but staff, a facilitator for her groups' leaders).
 */
export async function issueHandedResetCode(tx: DbOrTx, by: { id: string }, userId: string, meta: { ip: string }): Promise<string> {
  const code = await issue(tx, userId, "reset", HANDED_CODE_TTL_MS, by.id);
  await writeAudit(tx, {
    actorId: by.id,
    action: "auth.reset_code_issued",
    entityType: "user",
    entityId: userId,
    ip: meta.ip,
    data: { minutes: HANDED_CODE_TTL_MS / MINUTE },
  });
  return code;
}

/**
 * An admin issues a password reset code for a group's account whose phone does not work, to hand
 * over in person. Never for a staff account: one admin must not be able to take over another's
 * (or a finance user's, defeating the two-person rule for payments).
 */
export async function handResetCodeToUser(admin: Actor, userId: string): Promise<CommandResult<{ code: string; name: string }>> {
  return run(async (tx) => {
    const [user] = await tx.select({ name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
    if (!user || user.disabledAt) refuse(404, { "": "users.resetCode.notFound" });
    const roles = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
    if (roles.some((r) => r.role !== "applicant")) refuse(403, { "": "users.resetCode.staff" });
    const code = await issueHandedResetCode(tx, admin.user, userId, admin);
    return { code, name: user.name };
  });
}
