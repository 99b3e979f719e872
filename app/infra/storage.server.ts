import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { storedFiles } from "../../db/schema";
import { db } from "./db.server";
import { getEnv } from "./env.server";

// Uploaded files live in the database (table stored_files), on PostgreSQL and on PGlite alike
// (DECISIONS.md 35): every app server reaches every file, one backup holds data and files, and a
// file and the row naming it can never be on two different machines. Uploads are bounded (a few
// MB each), which PostgreSQL's bytea holds well. Everything goes through these three functions,
// so an S3-compatible store could replace the table without touching the callers.
//
// Files uploaded before (kept in GIEO_DATA_DIR/files) are copied into the table when the server
// that holds them starts (`importLegacyFiles`), so a second server finds them too; until then a
// read on that server still finds them on its disk and copies them.

// Keys are made here (uuid + extension); anything else is refused rather than looked up.
const KEY = /^[0-9a-f-]{36}\.[a-z0-9]{2,5}$/;

function checked(key: string): string {
  if (!KEY.test(key)) throw new Error("invalid storage key");
  return key;
}

function legacyPath(key: string): string {
  return path.join(path.resolve(getEnv().GIEO_DATA_DIR, "files"), key.slice(0, 2), key);
}

export async function putFile(bytes: Uint8Array, extension: string): Promise<string> {
  const key = checked(`${randomUUID()}.${extension}`);
  await db.insert(storedFiles).values({ key, bytes: Buffer.from(bytes) });
  return key;
}

export async function readFile(key: string): Promise<Buffer> {
  const [row] = await db.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.key, checked(key))).limit(1);
  if (row) return row.bytes;
  const bytes = await fs.readFile(legacyPath(key));
  await db.insert(storedFiles).values({ key, bytes }).onConflictDoNothing();
  return bytes;
}

export async function deleteFile(key: string): Promise<void> {
  await db.delete(storedFiles).where(eq(storedFiles.key, checked(key)));
  await fs.rm(legacyPath(key), { force: true });
}

/**
 * Copies every file of the old data folder into the table (those already there are left alone)
 * and returns how many were new. The folder is kept: it is the backup of the move.
 */
export async function importLegacyFiles(): Promise<number> {
  const root = path.resolve(getEnv().GIEO_DATA_DIR, "files");
  let imported = 0;
  const shards = await fs.readdir(root).catch(() => [] as string[]);
  for (const shard of shards) {
    const names = await fs.readdir(path.join(root, shard)).catch(() => [] as string[]);
    for (const name of names) {
      if (!KEY.test(name) || name.slice(0, 2) !== shard) continue;
      const bytes = await fs.readFile(path.join(root, shard, name));
      const rows = await db.insert(storedFiles).values({ key: name, bytes }).onConflictDoNothing().returning({ key: storedFiles.key });
      imported += rows.length;
    }
  }
  return imported;
}
