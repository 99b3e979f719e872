import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../app/infra/db.server";
import { rejection } from "../app/testing/fixtures";
import { writeAudit } from "../app/modules/audit/audit.server";
import { auditLog } from "./schema";

describe("audit log", () => {
  it("accepts new rows", async () => {
    await writeAudit(db, { action: "test.event", entityType: "test", entityId: "1", data: { a: 1 } });
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "test.event"));
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toEqual({ a: 1 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await writeAudit(db, { action: "test.keep", entityType: "test" });
    expect(await rejection(db.update(auditLog).set({ action: "test.changed" }))).toMatch(/append-only: UPDATE refused/);
    expect(await rejection(db.delete(auditLog))).toMatch(/append-only: DELETE refused/);
    expect(await rejection(db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE refused/);
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "test.keep"));
    expect(rows).toHaveLength(1);
  });
});
