import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { queryProbe } from "./query-probe";
import * as relations from "./relations";
import * as tables from "./schema";

export const schema = { ...tables, ...relations };
export type Schema = typeof schema;

/**
 * Both drivers give the same query builder; the app is written against this common type so that
 * nothing depends on which one is running.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type Driver = "postgres" | "pglite";

export interface Database {
  db: Db;
  driver: Driver;
  /** Runs raw SQL (several statements allowed) outside drizzle: migrations' helpers and tests. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A PostgreSQL URL; when absent, an embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string;
  /** PGlite: start from this dump (a migrated template) instead of an empty cluster. */
  loadDataDir?: Blob | File;
  /** postgres-js pool size. */
  max?: number;
}

export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // bigint columns come back as JS bigint: money must never pass through a float.
      types: { bigint: postgres.BigInt },
    });
    const db = drizzlePostgres(client, { schema, logger: queryProbe }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      exec: async (sql) => {
        await client.unsafe(sql);
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    // The trigram indexes of the search (migration 0013) need it, as on PostgreSQL.
    extensions: { pg_trgm },
    // 32 MB of buffers, not PostgreSQL's 128: the embedded database serves one small programme,
    // the files it reads stay in the operating system's cache anyway, and its WebAssembly memory
    // never shrinks once grown (issue 17: the server at idle within 350 MB).
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"],
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema, logger: queryProbe }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
  };
}
