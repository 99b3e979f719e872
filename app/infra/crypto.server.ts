import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "./env.server";

// AES-256-GCM: confidentiality and integrity (a tampered value fails to decrypt rather than
// decrypting to a wrong account number).
//
// Two formats are read:
//   v1:<base64 iv|tag|body>              the first format: one key, nothing bound to the row.
//   v2:<key id>:<base64 iv|tag|body>     the key's id, and the ciphertext bound to its place.
// Only v2 is written. The key id (a fingerprint of the key, not a secret) says which key sealed a
// value, so a new key can be introduced while the old one still opens what it sealed
// (DATA_ENCRYPTION_KEY_OLD) until `npm run rotate-key` has rewritten everything.
//
// The place (`context`, e.g. "groups.bank_account_enc:<group id>") is the additional
// authenticated data: one group's sealed account copied onto another group's row, by a bug or
// by someone with write access to the table, fails to decrypt instead of paying the wrong group.

const V1 = "v1";
const V2 = "v2";

export interface Keyring {
  /** Seals everything new. */
  current: Buffer;
  /** Still open what they sealed, until rotation has rewritten it. */
  old: readonly Buffer[];
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update("gieo-key-id:").update(key).digest("hex").slice(0, 12);
}

function envKeyring(): Keyring {
  const env = getEnv();
  return { current: env.encryptionKey, old: env.oldEncryptionKeys };
}

/** Where a sealed value lives: the table, the column and the row's id. */
export function sealedAt(table: string, column: string, id: string): string {
  return `${table}.${column}:${id}`;
}

export function encrypt(plain: string, context: string, keys: Keyring = envKeyring()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${V2}:${keyId(keys.current)}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

function open(payload: string, key: Buffer, aad: string | null): string {
  const bytes = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  if (aad !== null) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
}

/**
 * Opens a value sealed at `context`. A v2 value must have been sealed at that very place, by the
 * current key or an old one still accepted; a v1 value (no place bound) is read with any
 * accepted key, as it was written before places were bound, and rotation rewrites it as v2.
 */
export function decrypt(sealed: string, context: string, keys: Keyring = envKeyring()): string {
  const accepted = [keys.current, ...keys.old];
  const parts = sealed.split(":");
  if (parts[0] === V2 && parts.length === 3) {
    const key = accepted.find((k) => keyId(k) === parts[1]);
    if (!key) throw new Error("sealed with a key that is no longer accepted");
    return open(parts[2], key, context);
  }
  if (parts[0] === V1 && parts.length === 2) {
    for (const key of accepted) {
      try {
        return open(parts[1], key, null);
      } catch {
        // Not this key: try the next one.
      }
    }
    throw new Error("no accepted key opens this value");
  }
  throw new Error("unknown encryption format");
}

/** Whether a value is already sealed by the current key at its place (rotation skips it). */
export function isCurrent(sealed: string, keys: Keyring = envKeyring()): boolean {
  const parts = sealed.split(":");
  return parts[0] === V2 && parts[1] === keyId(keys.current);
}

/**
 * A keyed hash of a value in its scope (HMAC-SHA-256 under the first session secret): one-time
 * codes are stored this way, and the address eSMS calls back is signed with it. The scope keeps a
 * hash made for one use from standing for another.
 */
export function keyedHash(scope: string, value: string, encoding: "hex" | "base64url" = "hex"): string {
  return createHmac("sha256", getEnv().sessionSecrets[0]).update(`${scope}:${value}`).digest(encoding);
}

/** Whether two secrets (signatures, hashes) are equal, in a time that does not tell how much of them matched. */
export function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
