import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { z } from "zod";
import { invitations, passwordResets, signUps, users } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { endAllSessionsOf, endSession, hashToken, newToken, startSession } from "../../infra/session.server";
import type { FieldErrors } from "../../forms/parse-form.server";
import type { Locale } from "../../i18n/locales";
import { clear, hit, hitAll, refund, type Limit } from "../../infra/rate-limit.server";
import { writeAudit } from "../audit/audit.server";
import { address, LINK_SECRET, tell } from "../notifications/notifications.server";
import { setPreferences } from "../notifications/preferences.server";
import type {
  acceptInvitationSchema,
  inviteSchema,
  loginSchema,
  registerSchema,
  resetPasswordSchema,
} from "./auth.schema";
import { burnVerifyTime, hashPassword, verifyPassword } from "./password.server";
import { constraintViolated } from "../../kernel/command.server";
import { createUser, findLoginAccount } from "../users/users.server";

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  locale: Locale;
}

const MINUTE = 60 * 1000;

// The limits (DECISIONS.md 33). Every attempt is counted before it is checked, atomically in the
// database, so parallel attempts cannot slip past a count; a log-in that succeeds gives its
// attempt back. No limit is keyed by the account alone: someone guessing from elsewhere cannot
// lock the owner out of her own account from her own address.
export const LIMITS = {
  /** One account from one address: enough for a few typos, too few to guess a password. */
  loginAccountAddress: { name: "login:account+ip", max: 5, windowMs: 15 * MINUTE },
  /** One address, any account: a village shares a phone or a café's connection, so looser. */
  loginAddress: { name: "login:ip", max: 30, windowMs: 15 * MINUTE },
  /** New accounts from one address (each costs a password hash and a row). */
  signupAddress: { name: "signup:ip", max: 10, windowMs: 60 * MINUTE },
  /** Confirmation e-mails to one address, whoever asks. */
  signupEmail: { name: "signup:email", max: 3, windowMs: 60 * MINUTE },
  /** Reset e-mails to one address, whoever asks: nobody's inbox is flooded. */
  resetEmail: { name: "reset:email", max: 3, windowMs: 60 * MINUTE },
  /** Reset requests from one address, to any e-mail. */
  resetAddress: { name: "reset:ip", max: 10, windowMs: 60 * MINUTE },
  /** Uses of invitation and reset links from one address (a token is not guessable; bound it anyway). */
  linkAddress: { name: "link:ip", max: 20, windowMs: 15 * MINUTE },
} satisfies Record<string, Limit>;

/** The answer to a throttled attempt: 429, in the user's language, and nothing written. */
const throttled = { ok: false as const, status: 429, errors: { "": "auth.tooManyAttempts" } };
const tooManyRequests = { ok: false as const, status: 429, errors: { "": "auth.tooManyRequests" } };
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

type Outcome = { ok: true; setCookie: string; userId: string } | { ok: false; errors: FieldErrors; status: number };

/**
 * Checks the password and starts a fresh session (any session the request carried is ended, so a
 * session id planted before log-in is worthless after it). Every checked attempt is audited; a
 * throttled one is not (the audit log is for what people did, not for a flood).
 */
export async function logIn(
  request: Request,
  input: z.output<typeof loginSchema>,
  meta: RequestMeta,
): Promise<Outcome> {
  const account = { type: "account", id: input.identifier };
  const accountAddress = `${input.identifier}|${meta.ip}`;
  const allowed = await hitAll([
    [LIMITS.loginAccountAddress, accountAddress],
    [LIMITS.loginAddress, meta.ip],
  ]);
  if (!allowed.allowed) return throttled;

  const user = await findLoginAccount(input.identifier);
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : (await burnVerifyTime(input.password), false);
  if (!user || !passwordOk || user.disabledAt) {
    const reason = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "disabled";
    await writeAudit(db, {
      actorId: user?.id,
      action: "auth.login_failed",
      entityType: account.type,
      entityId: account.id,
      ip: meta.ip,
      data: { reason },
    });
    // A disabled account is named only to whoever knows its password.
    const message = reason === "disabled" ? "auth.accountDisabled" : "auth.invalidCredentials";
    return { ok: false, status: reason === "disabled" ? 403 : 400, errors: { "": message } };
  }

  // The rightful owner's success forgets her typos and gives the address its attempt back.
  await Promise.all([clear(LIMITS.loginAccountAddress, accountAddress), refund(LIMITS.loginAddress, meta.ip)]);
  const setCookie = await db.transaction(async (tx) => {
    await endSession(request, tx);
    const cookie = await startSession(tx, user.id, meta);
    await writeAudit(tx, {
      actorId: user.id,
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
    });
    return cookie;
  });
  return { ok: true, setCookie, userId: user.id };
}

export async function logOut(request: Request, userId: string | null, meta: RequestMeta): Promise<string> {
  return db.transaction(async (tx) => {
    const cookie = await endSession(request, tx);
    if (userId) {
      await writeAudit(tx, { actorId: userId, action: "auth.logout", entityType: "user", entityId: userId, ip: meta.ip });
    }
    return cookie;
  });
}

function duplicateField(error: unknown): FieldErrors | null {
  const constraint = constraintViolated(error);
  if (!constraint) return null;
  if (constraint.includes("phone")) return { phone: "errors.phoneTaken" };
  return { email: "errors.emailTaken" };
}

/**
 * A group leader's own account (role applicant). Registered with a phone only, she is signed in at
 * once. With an e-mail address, the account waits for her to confirm it through a link sent there
 * (`confirmSignUp`): the answer is the same whether or not the address already has an account, so
 * the form cannot be used to find out who has one; an existing owner is told by e-mail instead.
 */
export async function register(input: z.output<typeof registerSchema>, meta: RequestMeta): Promise<RegisterOutcome> {
  if (!(await hit(LIMITS.signupAddress, meta.ip)).allowed) return tooManyRequests;
  if (input.email) return startEmailSignUp({ ...input, email: input.email }, meta);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await createUser(tx, {
        name: input.name,
        email: input.email,
        phone: input.phone,
        passwordHash,
        locale: meta.locale,
        roles: ["applicant"],
      });
      await auditRegistered(tx, user.id, meta);
      // A leader registered by phone who agreed hears by Zalo (SMS when Zalo cannot reach her).
      if (input.phoneNotices === "yes") await setPreferences(tx, user.id, { phoneChannel: "zalo", email: true });
      const setCookie = await startSession(tx, user.id, meta);
      return { ok: true as const, setCookie, userId: user.id };
    });
  } catch (error) {
    const errors = duplicateField(error);
    if (errors) return { ok: false, status: 400, errors };
    throw error;
  }
}

export const SIGN_UP_TTL_MS = 24 * 60 * 60 * 1000;

type RegisterOutcome = Outcome | { ok: true; confirmationSent: true };

async function auditRegistered(tx: DbOrTx, userId: string, meta: RequestMeta, via?: string): Promise<void> {
  await writeAudit(tx, {
    actorId: userId,
    action: "user.registered",
    entityType: "user",
    entityId: userId,
    ip: meta.ip,
    data: via ? { roles: ["applicant"], via } : { roles: ["applicant"] },
  });
}

async function startEmailSignUp(
  input: z.output<typeof registerSchema> & { email: string },
  meta: RequestMeta,
): Promise<RegisterOutcome> {
  // A phone number already in use is still named, as it was before e-mail confirmation: a leader
  // without e-mail has no other way to learn she already has an account. Log-in by one-time code
  // will close this for phones too.
  if (input.phone && (await findLoginAccount(input.phone))) return { ok: false, status: 400, errors: { phone: "errors.phoneTaken" } };
  // Counted per address asked for, account or not, so nobody's inbox is flooded and a 429 tells nothing.
  if (!(await hit(LIMITS.signupEmail, input.email)).allowed) return tooManyRequests;
  const owner = await findLoginAccount(input.email);
  const passwordHash = owner ? null : await hashPassword(input.password);
  // The same work either way, so the answer time does not tell either.
  if (owner) await burnVerifyTime(input.password);
  await db.transaction(async (tx) => {
    if (owner) {
      await tell(tx, {
        to: address({ name: owner.name, email: input.email, locale: owner.locale }),
        email: {
          template: "sign-up-exists",
          props: () => ({ name: owner.name, loginLink: `${getEnv().appUrl}/login`, resetLink: `${getEnv().appUrl}/forgot-password` }),
        },
      });
      return;
    }
    const token = newToken();
    await tx.insert(signUps).values({
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      passwordHash: passwordHash!,
      locale: meta.locale,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + SIGN_UP_TTL_MS),
    });
    await tell(tx, {
      to: address({ name: input.name, email: input.email, locale: meta.locale }),
      email: {
        template: "sign-up-confirm",
        props: () => ({ name: input.name, link: `${getEnv().appUrl}/register/confirm/${LINK_SECRET}`, hours: SIGN_UP_TTL_MS / 3_600_000 }),
        secret: token,
      },
    });
  });
  return { ok: true, confirmationSent: true };
}

/** The sign-up a confirmation link opens, while it can still be used. */
export async function findOpenSignUp(token: string) {
  const [row] = await db
    .select({ name: signUps.name })
    .from(signUps)
    .where(and(eq(signUps.tokenHash, hashToken(token)), isNull(signUps.confirmedAt), gt(signUps.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

/** Creates the account a sign-up asked for and signs her in; the link works once. */
export async function confirmSignUp(token: string, meta: RequestMeta): Promise<Outcome> {
  if (!(await hit(LIMITS.linkAddress, meta.ip)).allowed) return tooManyRequests;
  try {
    return await db.transaction(async (tx) => {
      // Locking the row makes a second, simultaneous use of the same link wait and then fail.
      const [signUp] = await tx.select().from(signUps).where(eq(signUps.tokenHash, hashToken(token))).for("update");
      if (!signUp || signUp.confirmedAt || signUp.expiresAt <= new Date()) {
        return { ok: false as const, status: 410, errors: { "": "auth.signUpInvalid" } };
      }
      const user = await createUser(tx, {
        name: signUp.name,
        email: signUp.email,
        phone: signUp.phone ?? undefined,
        passwordHash: signUp.passwordHash,
        locale: signUp.locale,
        roles: ["applicant"],
      });
      // The password hash has done its work; it does not stay in a second table.
      await tx
        .update(signUps)
        .set({ confirmedAt: new Date(), userId: user.id, passwordHash: "" })
        .where(eq(signUps.id, signUp.id));
      await auditRegistered(tx, user.id, meta, "email");
      const setCookie = await startSession(tx, user.id, meta);
      return { ok: true as const, setCookie, userId: user.id };
    });
  } catch (error) {
    // The address or the phone found an account between the sign-up and its confirmation.
    if (constraintViolated(error)) return { ok: false, status: 409, errors: { "": "auth.signUpTaken" } };
    throw error;
  }
}

/** Sign-ups never confirmed hold a password hash: they go a day after their link expired. */
export async function deleteExpiredSignUps(): Promise<void> {
  await db.delete(signUps).where(lt(signUps.expiresAt, new Date(Date.now() - SIGN_UP_TTL_MS)));
}

/** An admin invites a staff member; the e-mail with the link is queued in the same transaction. */
export async function invite(
  input: z.output<typeof inviteSchema>,
  by: { id: string; name: string },
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (existing) return { ok: false, errors: { email: "errors.emailTaken" } };
  const token = newToken();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        email: input.email,
        name: input.name,
        roles: input.roles,
        tokenHash: hashToken(token),
        invitedBy: by.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: invitations.id });
    await writeAudit(tx, {
      actorId: by.id,
      action: "invitation.created",
      entityType: "invitation",
      entityId: row.id,
      ip: meta.ip,
      data: { email: input.email, roles: input.roles },
    });
    await tell(tx, {
      to: address({ name: input.name, email: input.email, locale: meta.locale }),
      email: {
        template: "invitation",
        props: () => ({ name: input.name, inviterName: by.name, link: `${getEnv().appUrl}/invitations/${LINK_SECRET}` }),
        // Only the invitee's copy carries the token; the outbox, which admins read, holds it sealed.
        secret: token,
      },
    });
  });
  return { ok: true };
}

export async function findOpenInvitation(token: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())),
    )
    .limit(1);
  return row ?? null;
}

/** Creates the invited staff account with its roles; the link works once. */
export async function acceptInvitation(
  token: string,
  input: z.output<typeof acceptInvitationSchema>,
  meta: RequestMeta,
): Promise<Outcome> {
  if (!(await hit(LIMITS.linkAddress, meta.ip)).allowed) return tooManyRequests;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, hashToken(token)))
        .for("update");
      if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date()) {
        return { ok: false as const, status: 410, errors: { "": "auth.invitationInvalid" } };
      }
      const user = await createUser(tx, {
        name: input.name,
        email: invitation.email,
        passwordHash,
        locale: meta.locale,
        roles: invitation.roles,
      });
      await tx
        .update(invitations)
        .set({ acceptedAt: new Date(), acceptedUserId: user.id })
        .where(eq(invitations.id, invitation.id));
      await writeAudit(tx, {
        actorId: user.id,
        action: "invitation.accepted",
        entityType: "invitation",
        entityId: invitation.id,
        ip: meta.ip,
      });
      await writeAudit(tx, {
        actorId: invitation.invitedBy,
        action: "user.roles_changed",
        entityType: "user",
        entityId: user.id,
        ip: meta.ip,
        data: { before: [], after: invitation.roles, via: "invitation" },
      });
      const setCookie = await startSession(tx, user.id, meta);
      return { ok: true as const, setCookie, userId: user.id };
    });
  } catch (error) {
    if (constraintViolated(error)) return { ok: false, status: 400, errors: { "": "errors.emailTaken" } };
    throw error;
  }
}

/**
 * Sends a reset link when an active account has this e-mail. The answer is the same either way,
 * so the form cannot be used to find out who has an account; the limits count every e-mail
 * asked for, with an account or not, so a 429 tells nothing either.
 */
export async function requestPasswordReset(
  email: string,
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; status: number; errors: FieldErrors }> {
  const allowed = await hitAll([
    [LIMITS.resetEmail, email],
    [LIMITS.resetAddress, meta.ip],
  ]);
  if (!allowed.allowed) return tooManyRequests;
  const user = await findLoginAccount(email);
  await db.transaction(async (tx) => {
    await writeAudit(tx, {
      actorId: user?.id,
      action: "auth.password_reset_requested",
      entityType: "account",
      entityId: email,
      ip: meta.ip,
      data: { sent: Boolean(user && !user.disabledAt) },
    });
    if (!user || user.disabledAt) return;
    const token = newToken();
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    await tell(tx, {
      to: address({ name: user.name, email, locale: user.locale }),
      email: {
        template: "password-reset",
        props: () => ({ name: user.name, link: `${getEnv().appUrl}/reset-password/${LINK_SECRET}`, minutes: RESET_TTL_MS / 60000 }),
        secret: token,
      },
    });
  });
  return { ok: true };
}

export async function findOpenReset(token: string) {
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())),
    )
    .limit(1);
  return row ?? null;
}

/** Sets the new password, spends the link, and ends every session of the account. */
export async function resetPassword(
  token: string,
  input: z.output<typeof resetPasswordSchema>,
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; status: number; errors: FieldErrors }> {
  if (!(await hit(LIMITS.linkAddress, meta.ip)).allowed) return tooManyRequests;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Locking the row makes a second, simultaneous use of the same link wait and then fail.
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashToken(token)))
      .for("update");
    if (!reset || reset.usedAt || reset.expiresAt <= new Date()) {
      return { ok: false as const, status: 410, errors: { "": "auth.resetInvalid" } };
    }
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.id, reset.id));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    await endAllSessionsOf(tx, reset.userId);
    await writeAudit(tx, {
      actorId: reset.userId,
      action: "auth.password_reset",
      entityType: "user",
      entityId: reset.userId,
      ip: meta.ip,
    });
    return { ok: true as const };
  });
}
