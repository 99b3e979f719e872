import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../app/infra/db.server";
import { seedDisbursementsDemo } from "./demo-disbursements";
import { seedGrantsDemo } from "./demo-grants";
import { seedReviewsDemo } from "./demo-reviews";
import { auditLog, disbursements, grants, groups, users } from "./schema";
import { seedDemo } from "./seed";

// The disbursement demo (issue #5, part 8): grants in every state, first tranches paid by each
// method, one waiting for finance2@'s approval, a reversed Stripe transfer; seeded once.

describe("disbursement demo data", () => {
  it("seeds grants and disbursements in every state, once", async () => {
    expect(await seedDisbursementsDemo()).toEqual({ seeded: false });
    await seedDemo();
    await seedGrantsDemo();
    await seedReviewsDemo();
    expect(await seedDisbursementsDemo()).toEqual({ seeded: true });
    expect(await seedDisbursementsDemo()).toEqual({ seeded: false });

    const grantStates = await db.selectDistinct({ status: grants.status }).from(grants);
    expect(grantStates.map((g) => g.status)).toEqual(expect.arrayContaining(["awaiting_acceptance", "active"]));
    const rows = await db
      .select({ method: disbursements.method, status: disbursements.status, preparer: users.email, receipt: disbursements.receiptStorageKey, message: disbursements.failureMessage, transfer: disbursements.stripeTransferId })
      .from(disbursements)
      .innerJoin(users, eq(users.id, disbursements.preparedBy));
    const paidBy = rows.filter((r) => r.status === "paid").map((r) => r.method).sort();
    expect(paidBy).toEqual(["bank_transfer", "cash", "stripe"]);
    expect(rows.find((r) => r.method === "cash" && r.status === "paid")?.receipt).toMatch(/\.png$/);
    expect(rows.find((r) => r.method === "stripe" && r.status === "paid")?.transfer).toMatch(/^tr_demo_/);
    const waiting = rows.filter((r) => r.status === "prepared");
    expect(waiting).toHaveLength(1);
    expect(waiting[0].preparer).toBe("finance@gieo.test");
    const reversed = rows.filter((r) => r.status === "reversed");
    expect(reversed).toHaveLength(1);
    expect(reversed[0].message).toMatch(/^payments\.failure\.reversed\?transfer=tr_demo_/);
    expect((await db.select({ n: count() }).from(groups).where(isNotNull(groups.stripeAccountId)))[0].n).toBeGreaterThanOrEqual(1);
    // Every disbursement's history ends where its row is.
    const last = await db.execute<{ entity_id: string; last: string }>(sql`
      select distinct on (entity_id) entity_id, data->>'to' as last
      from audit_log where entity_type = 'disbursement' order by entity_id, id desc`);
    const history = Array.isArray(last) ? last : (last as unknown as { rows: { entity_id: string; last: string }[] }).rows;
    const current = new Map((await db.select({ id: disbursements.id, status: disbursements.status }).from(disbursements)).map((d) => [d.id, d.status]));
    expect(history).toHaveLength(current.size);
    for (const row of history) expect(row.last).toBe(current.get(row.entity_id));
    const [reveals] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityType, "group"), eq(auditLog.action, "group.bank_account_revealed")));
    expect(reveals.n).toBe(0);
  });
});
