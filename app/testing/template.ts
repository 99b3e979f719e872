import { randomBytes } from "node:crypto";
import { queryProbe } from "../../db/query-probe";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import postgres from "postgres";
import { createDb, schema, type Database, type Db } from "../../db/client";
import { migrate } from "../../db/migrate";
import { CACHE_DIR, cached, hashInputs, installedVersion, prune } from "./cache";

// A migrated template is made once and kept while the migrations stay the same; each test file
// starts from a copy of it, which is much faster than migrating again and gives every file a
// database of its own.

/** The server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * What a migrated database depends on: the migrations, the code that applies them, the extensions
 * the client loads, and the versions of the engine and of the migrator.
 */
function templateHash(): string {
  return hashInputs(["db/migrations", "db/migrate.ts", "db/client.ts"], {
    extra: [installedVersion("@electric-sql/pglite"), installedVersion("drizzle-orm")],
  });
}

const TEMPLATE_PREFIX = "gieo_template_";
const TEMPLATE_NAME = /^gieo_template_[0-9a-f]{12}$/;
const UNFINISHED_PREFIX = "gieo_template_unfinished_";
// Any number will do as long as nothing else on the server takes the same advisory lock.
const TEMPLATE_LOCK = 4_736_101;

/**
 * The migrated template for this checkout's migrations, made if it is not there yet:
 * a closed PGlite data folder in `.cache/template-<hash>/`, or, with DATABASE_URL, a database
 * named `gieo_template_<hash>` on that server, kept for the next runs.
 */
export async function ensureTemplate(): Promise<string> {
  const hash = templateHash();
  const url = process.env.DATABASE_URL;
  if (url) return ensureServerTemplate(url, `${TEMPLATE_PREFIX}${hash}`);

  const folder = path.join(CACHE_DIR, `template-${hash}`);
  await cached(folder, async (temporary) => {
    const database = await createDb({ dataDir: temporary });
    await migrate(database);
    await database.close();
  });
  prune("template-", folder);
  return folder;
}

async function ensureServerTemplate(url: string, name: string): Promise<string> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Several runs (two terminals, two developers' checkouts on one server) may start at once:
    // one makes the template while the others wait, then find it made.
    await admin`select pg_advisory_lock(${TEMPLATE_LOCK})`;
    const databases = await admin<{ datname: string }[]>`
      select datname from pg_database where starts_with(datname, ${TEMPLATE_PREFIX}) order by oid desc`;
    const names = databases.map((row) => row.datname);
    if (!names.includes(name)) {
      // A run killed while migrating leaves its unfinished template; under the lock none is ours.
      for (const leftover of names.filter((n) => n.startsWith(UNFINISHED_PREFIX))) {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${leftover} WITH (FORCE)`);
      }
      // Migrated under another name and renamed when done, so the template's own name never
      // stands for a half-migrated database.
      const unfinished = `${UNFINISHED_PREFIX}${randomBytes(4).toString("hex")}`;
      await admin.unsafe(`CREATE DATABASE ${unfinished}`);
      const database = await createDb({ url: withDatabase(url, unfinished), max: 1 });
      await migrate(database);
      await database.close();
      await admin.unsafe(`ALTER DATABASE ${unfinished} RENAME TO ${name}`);
      // Keep the five newest templates (other checkouts on this server may still copy theirs).
      for (const old of names.filter((n) => TEMPLATE_NAME.test(n)).slice(4)) {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${old}`).catch(() => {
          // In use by a run that is copying it: left for a later prune.
        });
      }
    }
    await admin`select pg_advisory_unlock(${TEMPLATE_LOCK})`;
  } finally {
    await admin.end();
  }
  return name;
}

/** Where this run's copies go: a name prefix on PostgreSQL, a folder on PGlite. */
export function copyPrefix(): string {
  const run = randomBytes(4).toString("hex");
  if (process.env.DATABASE_URL) return `gieo_copy_${run}_`;
  // A run that was killed leaves its copies (in memory, with /dev/shm): gone after an hour unused.
  for (const name of fs.readdirSync(copiesDir())) {
    const folder = path.join(copiesDir(), name);
    try {
      if (name.startsWith("gieo-copies-") && Date.now() - fs.statSync(folder).mtimeMs > 60 * 60 * 1000) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    } catch {
      // Removed by another run meanwhile.
    }
  }
  return path.join(copiesDir(), `gieo-copies-${run}`);
}

/**
 * PGlite copies go to memory (Linux's /dev/shm) where there is one: copying the template's
 * folder in and removing it again took up to 3 s per test file on this machine's shared disk.
 */
function copiesDir(): string {
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
}

/** Drops the copies this run made, including those of a test file that crashed before its own. */
export async function dropCopies(prefix: string): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    fs.rmSync(prefix, { recursive: true, force: true });
    return;
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${prefix})`;
    for (const row of rows) await admin.unsafe(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export type Copy = Database & { dropCopy: () => Promise<void> };

/**
 * A fresh database for one test file, copied from the template (`prefix` from copyPrefix()). On
 * PGlite the copy opens on first use: a test file that never touches the database (a pure
 * function's tests) does not pay the second PGlite takes to start.
 */
export async function openCopy(template: string, prefix: string): Promise<Copy> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${prefix}${randomBytes(4).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    // Several files copy the template at once; PostgreSQL refuses while another copy reads it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt >= 50 || !String(error).includes("being accessed")) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const database = await createDb({ url: withDatabase(url, name), max: 10 });
    return {
      ...database,
      dropCopy: async () => {
        await database.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  return lazyPgliteCopy(template, path.join(prefix, randomBytes(4).toString("hex")));
}

/**
 * PGlite's constructor returns at once and every query waits until it is ready, so the copy can
 * be made inside the first (synchronous) `db` access. A copied data folder opens in about half
 * the time of a loaded dump (measured: 0.8 s against 1.6 s) and keeps the data out of the heap.
 * Same client settings as db/client.ts.
 */
function lazyPgliteCopy(template: string, folder: string): Copy {
  let opened: { client: PGlite; db: Db } | undefined;
  const open = () => {
    if (!opened) {
      fs.cpSync(template, folder, { recursive: true });
      const client = new PGlite({ dataDir: folder, extensions: { pg_trgm } });
      opened = { client, db: drizzlePglite(client, { schema, logger: queryProbe }) as unknown as Db };
    }
    return opened;
  };
  const close = async () => {
    if (!opened) return;
    await opened.client.close();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  return {
    driver: "pglite",
    get db() {
      return open().db;
    },
    exec: async (sql) => {
      await open().client.exec(sql);
    },
    close,
    dropCopy: close,
  };
}
