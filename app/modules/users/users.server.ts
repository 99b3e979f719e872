import { eq, sql } from "drizzle-orm";
import { userRoles, users } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { endAllSessionsOf } from "../../infra/session.server";
import { writeAudit } from "../audit/audit.server";
import type { Locale } from "../../i18n/locales";
import type { Role, User } from "../../kernel/actor";
import { DEFAULT_PREFERENCES, preferencesOf, reachOf } from "../notifications/preferences.server";

export type { User } from "../../kernel/actor";

export async function findUserById(id: string, tx: DbOrTx = db): Promise<User | null> {
  const row = await tx.query.users.findFirst({
    where: eq(users.id, id),
    // Never the password hash: every request reads its user.
    columns: { id: true, name: true, email: true, phone: true, locale: true, disabledAt: true },
    with: { roles: { columns: { role: true } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    roles: row.roles.map((r) => r.role).sort(),
    disabled: row.disabledAt !== null,
  };
}

/** The user and password hash for a normalised e-mail or +84 phone. */
export async function findLoginAccount(identifier: string) {
  const column = identifier.includes("@") ? users.email : users.phone;
  const [row] = await db.select().from(users).where(eq(column, identifier)).limit(1);
  return row ?? null;
}

export async function createUser(
  tx: DbOrTx,
  values: { name: string; email?: string; phone?: string; passwordHash: string; locale: Locale; roles: Role[] },
) {
  const [user] = await tx
    .insert(users)
    .values({
      name: values.name,
      email: values.email ?? null,
      phone: values.phone ?? null,
      passwordHash: values.passwordHash,
      locale: values.locale,
    })
    .returning({ id: users.id });
  if (values.roles.length > 0) {
    await tx.insert(userRoles).values(values.roles.map((role) => ({ userId: user.id, role })));
  }
  return user;
}

export const USERS_PAGE_SIZE = 50;

/** Users for the admin list, newest first; `search` matches name, e-mail or phone, ignoring accents. */
export async function listUsers(options: { page: number; search?: string }) {
  const search = options.search?.trim();
  const pattern = search ? `%${search.replace(/[%_\\]/g, "\\$&")}%` : undefined;
  const rows = await db.query.users.findMany({
    where: pattern
      ? (u, { or, ilike }) =>
          or(
            sql`unaccent_vi(${u.name}) ilike unaccent_vi(${pattern})`,
            ilike(u.email, pattern),
            ilike(u.phone, pattern),
          )
      : undefined,
    orderBy: (u, { desc }) => [desc(u.createdAt)],
    limit: USERS_PAGE_SIZE + 1,
    offset: (options.page - 1) * USERS_PAGE_SIZE,
    with: { roles: { columns: { role: true } } },
    columns: { passwordHash: false },
  });
  // How each person will be reached, as the notifications module will choose it.
  const preferences = await preferencesOf(db, rows.map((r) => r.id));
  return rows.map((row) => ({
    ...row,
    roles: row.roles.map((r) => r.role).sort(),
    reach: reachOf(row, preferences.get(row.id) ?? DEFAULT_PREFERENCES),
  }));
}

export class SelfLockoutError extends Error {}
/** No user has this id: a 404, not a foreign-key error. */
export class UnknownUserError extends Error {}

/** Replaces a user's roles; the audit row keeps before and after. */
export async function setRoles(
  userId: string,
  next: Role[],
  by: { id: string; ip: string },
): Promise<void> {
  if (userId === by.id && !next.includes("admin")) throw new SelfLockoutError();
  await db.transaction(async (tx) => {
    // Lock the user so two admins editing at once apply one after the other, each audited.
    const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    if (!found) throw new UnknownUserError();
    const before = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)))
      .map((r) => r.role)
      .sort();
    await tx.delete(userRoles).where(eq(userRoles.userId, userId));
    if (next.length > 0) await tx.insert(userRoles).values(next.map((role) => ({ userId, role })));
    await writeAudit(tx, {
      actorId: by.id,
      action: "user.roles_changed",
      entityType: "user",
      entityId: userId,
      ip: by.ip,
      data: { before, after: [...next].sort() },
    });
  });
}

/** Disabling ends every session of the user at once, on the server. */
export async function setDisabled(userId: string, disabled: boolean, by: { id: string; ip: string }): Promise<void> {
  if (userId === by.id) throw new SelfLockoutError();
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (changed.length === 0) throw new UnknownUserError();
    if (disabled) await endAllSessionsOf(tx, userId);
    await writeAudit(tx, {
      actorId: by.id,
      action: disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: userId,
      ip: by.ip,
    });
  });
}

export async function setLocale(userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
