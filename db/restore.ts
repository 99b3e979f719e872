import path from "node:path";
import { EnvError, getEnv } from "../app/infra/env.server";
import { restorePglite, restorePostgres } from "./backups";

// `npm run restore -- <file>`: a backup into an empty database.
// PostgreSQL: into the (empty, created with createdb) database of MIGRATION_DATABASE_URL, else
// DATABASE_URL. Embedded: into GIEO_DATA_DIR/pglite, which must not exist yet. Start the server
// afterwards with the same DATA_ENCRYPTION_KEY as the backup's data.

const file = process.argv[2];
try {
  if (!file) throw new EnvError("Usage: npm run restore -- <file>");
  const env = getEnv();
  const url = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  if (url) await restorePostgres(path.resolve(file), url);
  else await restorePglite(path.resolve(file), path.resolve(env.GIEO_DATA_DIR, "pglite"));
  console.log("Restored.");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
