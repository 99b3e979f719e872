import { and, eq, isNull } from "drizzle-orm";
import { userRoles, users } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Role } from "../../kernel/actor";
import type { Audience } from "../notifications/notifications.server";

const recipientColumns = { userId: users.id, name: users.name, email: users.email, phone: users.phone, locale: users.locale };

/** Everyone enabled who holds a role (all of finance, all programme staff). */
export function roleHolders(role: Role): Audience {
  return (tx: DbOrTx) =>
    tx
      .select(recipientColumns)
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, role), isNull(users.disabledAt)))
      .orderBy(users.name);
}

/** One person, by account (nobody when the account is disabled). */
export function oneUser(userId: string): Audience {
  return (tx: DbOrTx) =>
    tx
      .select(recipientColumns)
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.disabledAt)));
}
