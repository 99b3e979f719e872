import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentDatabase, openDatabase, setDatabase } from "../app/infra/db.server";
import { reloadEnv } from "../app/infra/env.server";
import { createDb, type Database } from "./client";
import { migrate } from "./migrate";
import { grantRuntimeRole } from "./roles";

// The runtime role cannot touch the audit log's history nor its triggers (issue 18, item 4).
//
// On PostgreSQL this goes through the real start-up path: a database and a login role of its own,
// DATABASE_URL as that role and MIGRATION_DATABASE_URL as the owner, openDatabase() migrating and
// granting, then the app's own connection trying every way around the append-only rule.
// On PGlite (one process, one user: the app keeps one role there, DECISIONS.md 34) the same grants
// are applied to a role on a fresh embedded database and tried with SET ROLE, so the SQL of the
// grants is checked on both.

const serverUrl = process.env.DATABASE_URL;
const suffix = randomBytes(4).toString("hex");
const role = `gieo_runtime_${suffix}`;

/** Runs one statement as the runtime role; resolves to the error's message, or "ok". */
let asRuntime: (sql: string) => Promise<string>;
let cleanup: () => Promise<void> = async () => {};
const outer = currentDatabase();

beforeAll(async () => {
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const name = `gieo_roles_${suffix}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.unsafe(`CREATE ROLE ${role} LOGIN`);
    const owner = new URL(serverUrl);
    owner.pathname = `/${name}`;
    const runtime = new URL(owner);
    runtime.username = role;
    const saved = { url: process.env.DATABASE_URL, migration: process.env.MIGRATION_DATABASE_URL };
    process.env.DATABASE_URL = runtime.toString();
    process.env.MIGRATION_DATABASE_URL = owner.toString();
    reloadEnv();
    let database: Database;
    try {
      database = await openDatabase();
    } finally {
      process.env.DATABASE_URL = saved.url;
      if (saved.migration === undefined) delete process.env.MIGRATION_DATABASE_URL;
      else process.env.MIGRATION_DATABASE_URL = saved.migration;
      reloadEnv();
      setDatabase(outer);
    }
    asRuntime = (sql) => database.exec(sql).then(() => "ok", (e: Error) => e.message);
    cleanup = async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    };
  } else {
    const database = await createDb();
    await migrate(database);
    await database.exec(`CREATE ROLE ${role}`);
    await grantRuntimeRole(database, role);
    asRuntime = (sql) => database.exec(`SET ROLE ${role}; ${sql}`).then(
      async () => (await database.exec("RESET ROLE"), "ok"),
      async (e: Error) => (await database.exec("RESET ROLE"), e.message),
    );
    cleanup = () => database.close();
  }
}, 120_000);
afterAll(() => cleanup());

describe(`the runtime role (${serverUrl ? "postgres, its own login" : "pglite, SET ROLE"})`, () => {
  it("is not the owner, and writes and reads the audit log", async () => {
    expect(await asRuntime(`INSERT INTO audit_log (action, entity_type) VALUES ('test.written', 'test')`)).toBe("ok");
    expect(await asRuntime(`SELECT count(*) FROM audit_log`)).toBe("ok");
  });

  it("does the app's ordinary work on the other tables", async () => {
    expect(await asRuntime(`INSERT INTO rate_limits (key, hits, reset_at) VALUES ('t', 1, now())`)).toBe("ok");
    expect(await asRuntime(`UPDATE rate_limits SET hits = 2 WHERE key = 't'`)).toBe("ok");
    expect(await asRuntime(`DELETE FROM rate_limits WHERE key = 't'`)).toBe("ok");
  });

  it("cannot update, delete or truncate the audit log", async () => {
    for (const sql of [`UPDATE audit_log SET action = 'x'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`]) {
      expect(await asRuntime(sql), sql).toMatch(/permission denied/);
    }
  });

  it("cannot disable, drop or replace the audit log's triggers, nor drop or alter the table", async () => {
    const attempts = [
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`,
      `ALTER TABLE audit_log DISABLE TRIGGER ALL`,
      `DROP TRIGGER audit_log_no_truncate ON audit_log`,
      `CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      `DROP TABLE audit_log`,
      `ALTER TABLE audit_log OWNER TO ${role}`,
      `ALTER TABLE audit_log RENAME TO audit_log_old`,
    ];
    for (const sql of attempts) expect(await asRuntime(sql), sql).toMatch(/must be owner|permission denied/);
  });

  it("cannot move the row out of the way by other means (session replication role, a new table)", async () => {
    expect(await asRuntime(`SET session_replication_role = replica`)).toMatch(/permission denied/);
    expect(await asRuntime(`CREATE TABLE public.sneaky (x int)`)).toMatch(/permission denied/);
  });
});
