import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "./env.server";

// AES-256-GCM: confidentiality and integrity (a tampered value fails to decrypt rather than
// decrypting to a wrong account number). The version prefix leaves room for key rotation.
const VERSION = "v1";

export function encrypt(plain: string, key: Buffer = getEnv().encryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decrypt(sealed: string, key: Buffer = getEnv().encryptionKey): string {
  const [version, payload] = sealed.split(":", 2);
  if (version !== VERSION || !payload) throw new Error("unknown encryption format");
  const bytes = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
}
