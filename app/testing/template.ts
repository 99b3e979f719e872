import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createDb, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";

// A migrated template is made once per test run; each test file starts from a copy of it, which
// is much faster than migrating again and gives every file a database of its own.

export const TEMPLATE_ENV = "GIEO_TEST_TEMPLATE";

/** The server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTemplate(): Promise<{ template: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `gieo_template_${randomBytes(4).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const database = await createDb({ url: withDatabase(url, name), max: 1 });
    await migrate(database);
    await database.close();
    return {
      template: name,
      drop: async () => {
        // Drop the copies a crashed file may have left, then the template.
        const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${name}_%`}`;
        for (const row of rows) await admin.unsafe(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const database = await createDb();
  await migrate(database);
  const dump = await (database.db as unknown as { $client: { dumpDataDir(c?: string): Promise<Blob> } }).$client.dumpDataDir("none");
  await database.close();
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "gieo-template-")), "template.tar");
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { template: file, drop: () => fs.rm(path.dirname(file), { recursive: true, force: true }) };
}

/** A fresh database for one test file, copied from the template. */
export async function openCopy(template: string): Promise<Database & { dropCopy: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${template}_${randomBytes(4).toString("hex")}`;
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
  const blob = new Blob([await fs.readFile(template)]);
  const database = await createDb({ loadDataDir: blob });
  return { ...database, dropCopy: () => database.close() };
}
