import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import type { Role } from "../../modules/auth/permissions";
import { createUser, findUserById, type User } from "../../modules/users/users.server";

export const TEST_PASSWORD = "correct horse battery";

// Test users' hash is Argon2id at the lowest cost (64 KiB, one pass) instead of production's 19 MiB
// and two passes (app/modules/auth/password.server.ts): a hash carries its own parameters, so the
// real log-in verifies it unchanged, in 0.1 ms instead of about 30 ms per log-in. Made once per file.
let passwordHash: Promise<string> | undefined;

/** A user with the given roles and a unique e-mail, password TEST_PASSWORD. */
export async function makeUser(roles: Role[], overrides: { email?: string; phone?: string; name?: string } = {}) {
  passwordHash ??= hash(TEST_PASSWORD, { memoryCost: 64, timeCost: 1, parallelism: 1 });
  const hashed = await passwordHash;
  const email = overrides.email ?? `${roles.join("-") || "none"}-${randomBytes(4).toString("hex")}@test.gieo`;
  const user = await db.transaction((tx) =>
    createUser(tx, {
      name: overrides.name ?? `Test ${roles.join(" ")}`,
      email,
      phone: overrides.phone,
      passwordHash: hashed,
      locale: "vi",
      roles,
    }),
  );
  return { id: user.id, email, password: TEST_PASSWORD };
}

/** A signed-up user with the given roles, as the commands take it (from `ip`, 127.0.0.1 by default). */
export async function makeActor(roles: User["roles"] = ["finance"], options: { ip?: string } = {}): Promise<Actor & { email: string }> {
  const made = await makeUser(roles);
  const user = await findUserById(made.id);
  if (!user) throw new Error("user not created");
  return { user, ip: options.ip ?? "127.0.0.1", email: made.email };
}
