import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "./client";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// Any fixed number, the same in every server: pg_advisory_lock(key) lets one holder in at a time.
const MIGRATION_LOCK = 7_315_214_001;

let pgliteTurn: Promise<unknown> = Promise.resolve();

export interface MigrateOptions {
  /**
   * The PostgreSQL URL: the migration then runs under a session-level advisory lock taken on a
   * connection of its own, so that servers started together migrate one after the other (the
   * second finds nothing left to do) instead of running the same DDL at once and failing.
   */
  lockUrl?: string;
}

/** Applies every committed migration not yet applied. Safe to call at every start. */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<void> {
  if (database.driver !== "postgres") {
    // One process owns a PGlite folder (STYLE.md): its calls take turns here, as servers do on
    // PostgreSQL's lock below.
    const run = pgliteTurn.then(() => migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder }));
    pgliteTurn = run.catch(() => undefined);
    await run;
    return;
  }
  if (!options.lockUrl) {
    await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder });
    return;
  }
  // Its own connection: the pool's connections come and go, and a session lock lives with its
  // session. If this process dies, PostgreSQL ends the session and the lock with it.
  const lock = postgres(options.lockUrl, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    await lock.end({ timeout: 5 });
  }
}
