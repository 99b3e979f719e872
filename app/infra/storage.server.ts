import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server";

// Uploaded files live under server-made names in the data folder. Everything goes through these
// three functions, so a shared store (S3-compatible, NFS) can replace the folder for several
// servers without touching the callers.

function root(): string {
  return path.resolve(getEnv().GIEO_DATA_DIR, "files");
}

function pathOf(key: string): string {
  // Keys are made here (uuid + extension); anything else is refused rather than resolved.
  if (!/^[0-9a-f-]{36}\.[a-z0-9]{2,5}$/.test(key)) throw new Error("invalid storage key");
  return path.join(root(), key.slice(0, 2), key);
}

export async function putFile(bytes: Uint8Array, extension: string): Promise<string> {
  const key = `${randomUUID()}.${extension}`;
  const file = pathOf(key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes, { flag: "wx" });
  return key;
}

export async function readFile(key: string): Promise<Buffer> {
  return fs.readFile(pathOf(key));
}

export async function deleteFile(key: string): Promise<void> {
  await fs.rm(pathOf(key), { force: true });
}
