import path from "node:path";
import { createDb, type Database, type Db } from "../../db/client";
import { migrate } from "../../db/migrate";
import { grantRuntimeRole, roleOf } from "../../db/roles";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

export type { Db, DbOrTx, Tx } from "../../db/client";

const holder = singleton("database", () => ({ current: undefined as Database | undefined }));

/** Opens the configured database (PostgreSQL or the embedded PGlite folder) and migrates it. */
export async function openDatabase(): Promise<Database> {
  const env = getEnv();
  if (env.DATABASE_URL && env.MIGRATION_DATABASE_URL) {
    // Two roles: the owner migrates and grants, then the app runs as DATABASE_URL's role.
    const owner = await createDb({ url: env.MIGRATION_DATABASE_URL, max: 1 });
    try {
      await migrate(owner);
      await grantRuntimeRole(owner, roleOf(env.DATABASE_URL));
    } finally {
      await owner.close();
    }
    const database = await createDb({ url: env.DATABASE_URL });
    setDatabase(database);
    return database;
  }
  const database = await createDb(
    env.DATABASE_URL
      ? { url: env.DATABASE_URL }
      : { dataDir: path.resolve(env.GIEO_DATA_DIR, "pglite") },
  );
  await migrate(database, { lockUrl: env.DATABASE_URL });
  setDatabase(database);
  return database;
}

/** Makes `database` the one every module uses (the server at start, each test file). */
export function setDatabase(database: Database): void {
  holder.current = database;
}

export function currentDatabase(): Database {
  if (!holder.current) throw new Error("The database is not open yet: call openDatabase() at start.");
  return holder.current;
}

/**
 * The database every module queries. It forwards to the database opened at start, so modules can
 * import it at load time while the server (or a test file) decides which database that is.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const target = currentDatabase().db as unknown as Record<string | symbol, unknown>;
    const value = target[property];
    return typeof value === "function" ? value.bind(target) : value;
  },
});
