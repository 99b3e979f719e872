import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentDatabase } from "../app/infra/db.server";
import { putFile } from "../app/infra/storage.server";
import { withDatabase } from "../app/testing/template";
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from "./backups";
import { createDb, type Database } from "./client";
import { seedDisbursementsDemo } from "./demo-disbursements";
import { seedGrantsDemo } from "./demo-grants";
import { seedReviewsDemo } from "./demo-reviews";
import { seedDemo } from "./seed";

// `npm run backup` / `npm run restore` round trip (issue 18, item 13): every table's row count,
// the money ledger and the uploaded files' bytes are the same after as before.

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gieo-backup-"));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await seedDemo();
  await seedGrantsDemo();
  await seedReviewsDemo();
  await seedDisbursementsDemo();
  await putFile(randomBytes(100_000), "pdf");
}, 120_000);

type Rows = { [key: string]: unknown }[];
async function rows(database: Database, sql: string): Promise<Rows> {
  const result = (await database.db.execute(sql as never)) as unknown as Rows | { rows: Rows };
  return Array.isArray(result) ? result : result.rows;
}

/** Every table's row count, the ledger of money, and a digest of the files: what must survive. */
async function fingerprint(database: Database) {
  const tables = await rows(database, `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await rows(database, `select count(*)::int as n from "${String(table_name)}"`);
    counts[String(table_name)] = Number(row.n);
  }
  const ledger = await rows(database, `select status::text, count(*)::int as n, sum(amount)::text as total from disbursements group by 1 order by 1`);
  const awards = await rows(database, `select coalesce(sum(awarded_amount), 0)::text as total from grants`);
  const files = await rows(database, `select md5(string_agg(md5(bytes), '' order by key)) as digest from stored_files`);
  return { counts, ledger, awards, files };
}

describe(`backup and restore (${currentDatabase().driver})`, () => {
  it("gives back the same rows, the same ledger and the same files", async () => {
    const source = currentDatabase();
    const before = await fingerprint(source);
    expect(before.counts.disbursements).toBeGreaterThan(0);
    expect(before.counts.stored_files).toBeGreaterThanOrEqual(1);
    expect(before.ledger.length).toBeGreaterThan(0);
    const file = path.join(dir, "gieo.backup");

    if (process.env.DATABASE_URL) {
      const server = process.env.DATABASE_URL;
      const [{ name }] = await rows(source, "select current_database() as name");
      await backupPostgres(withDatabase(server, String(name)), file);
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      const target = `gieo_restored_${randomBytes(4).toString("hex")}`;
      await admin.unsafe(`CREATE DATABASE ${target}`);
      try {
        await restorePostgres(file, withDatabase(server, target));
        const restored = await createDb({ url: withDatabase(server, target), max: 1 });
        try {
          expect(await fingerprint(restored)).toEqual(before);
        } finally {
          await restored.close();
        }
      } finally {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
        await admin.end();
      }
    } else {
      // The embedded database as the server keeps it: a data folder, here made from this file's copy.
      const client = (source.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
      const folder = path.join(dir, "pglite");
      const copy = await createDb({ dataDir: folder, loadDataDir: await client.dumpDataDir("none") });
      await copy.close();
      await backupPglite(folder, file);
      const restoredDir = path.join(dir, "restored");
      await restorePglite(file, restoredDir);
      await expect(restorePglite(file, restoredDir)).rejects.toThrow("not empty");
      const restored = await createDb({ dataDir: restoredDir });
      try {
        expect(await fingerprint(restored)).toEqual(before);
      } finally {
        await restored.close();
      }
    }
  }, 120_000);
});
