import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { createDb } from "./client";

// Backups of either database (`npm run backup`, `npm run restore`; README, Deploying). Uploaded
// files live in the database (DECISIONS.md 35), so a backup holds them too. The encryption key
// and session secrets are NOT in a backup: keep DATA_ENCRYPTION_KEY apart from it (a backup that
// carried its own key would hand over the bank account numbers with it).

const run = promisify(execFile);

/**
 * PostgreSQL: pg_dump's custom format (compressed, restorable table by table), without owners or
 * grants, which belong to the server it is restored on (the start-up grants the runtime role).
 */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`]);
}

/** Into an existing, empty database (createdb first); run by the role that will own the tables. */
export async function restorePostgres(file: string, url: string): Promise<void> {
  await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file]);
}

/**
 * PGlite: the whole data folder as one gzipped tar (PGlite's own dump), read while no server holds
 * the folder (DECISIONS.md 1): PGlite opens it itself, no server process is needed.
 */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  await fs.access(path.join(dataDir, "PG_VERSION"));
  const database = await createDb({ dataDir });
  try {
    const client = (database.db as unknown as { $client: { dumpDataDir(c: "gzip"): Promise<Blob> } }).$client;
    const dump = await client.dumpDataDir("gzip");
    await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
}

/** Into a data folder that does not exist yet (an existing one is never overwritten). */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  const existing = await fs.readdir(dataDir).catch(() => []);
  if (existing.length > 0) throw new Error(`${dataDir} is not empty: move it aside first, nothing was overwritten`);
  const database = await createDb({ dataDir, loadDataDir: new Blob([await fs.readFile(file)]) });
  await database.close();
}
