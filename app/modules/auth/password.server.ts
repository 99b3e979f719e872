import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 hashes with Argon2id by default (OWASP's first choice), with its defaults of
// 19 MiB memory and 2 iterations; the parameters are stored in each hash, so raising them later
// only affects new hashes.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a throw-away hash so that "no such account" takes as long as "wrong
 * password", and answer times do not reveal which accounts exist.
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword("gieo-timing-equaliser");
  await verifyPassword(await dummy, password);
}
