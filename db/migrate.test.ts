import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { currentDatabase } from "../app/infra/db.server";
import { withDatabase } from "../app/testing/template";
import { createDb, type Database } from "./client";
import { migrate, migrationsFolder } from "./migrate";

// Two servers started together on one empty PostgreSQL database (issue 18, item 12): without a
// lock both ran the same DDL at once and one failed ("already exists"). On PGlite one process owns
// the database; the same calls must still leave every migration applied once.

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };

async function applied(database: Database): Promise<number> {
  const rows = (await database.db.execute("select count(*)::int as n from drizzle.__drizzle_migrations")) as unknown as
    | { n: number }[]
    | { rows: { n: number }[] };
  return Array.isArray(rows) ? rows[0].n : rows.rows[0].n;
}

describe(`start-up migrations (${currentDatabase().driver})`, () => {
  it("two servers migrating one empty database at once apply each migration once, and both start", async () => {
    const url = process.env.DATABASE_URL;
    if (!url) {
      const database = await createDb();
      try {
        await Promise.all([migrate(database), migrate(database)]);
        expect(await applied(database)).toBe(journal.entries.length);
      } finally {
        await database.close();
      }
      return;
    }
    const name = `gieo_migrate_${randomBytes(4).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const target = withDatabase(url, name);
    const [first, second] = await Promise.all([createDb({ url: target, max: 2 }), createDb({ url: target, max: 2 })]);
    try {
      const results = await Promise.allSettled([migrate(first, { lockUrl: target }), migrate(second, { lockUrl: target })]);
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok"]);
      expect(await applied(first)).toBe(journal.entries.length);
      // Nothing is left holding the lock: a third start goes straight through.
      await migrate(first, { lockUrl: target });
    } finally {
      await Promise.all([first.close(), second.close()]);
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
