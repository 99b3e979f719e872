import path from "node:path";
import { EnvError, getEnv } from "../app/infra/env.server";
import { backupPglite, backupPostgres } from "./backups";

// `npm run backup -- <file>`: the database (and with it the uploaded files) into one file.
// PostgreSQL: pg_dump of MIGRATION_DATABASE_URL, else DATABASE_URL; safe beside running servers.
// Embedded: the folder GIEO_DATA_DIR/pglite, with the server stopped (DECISIONS.md 1).

const file = process.argv[2];
try {
  if (!file) throw new EnvError("Usage: npm run backup -- <file>   (e.g. gieo-2027-03-01.dump)");
  const env = getEnv();
  const url = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  if (url) await backupPostgres(url, path.resolve(file));
  else await backupPglite(path.resolve(env.GIEO_DATA_DIR, "pglite"), path.resolve(file));
  console.log(`Backed up to ${path.resolve(file)}. DATA_ENCRYPTION_KEY is not in it: keep the key apart.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
