import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decrypt, sealedAt } from "../app/infra/crypto.server";
import { db } from "../app/infra/db.server";
import { seedGrantsDemo } from "./demo-grants";
import { seedReviewsDemo } from "./demo-reviews";
import { applications, auditLog, decisions, groupFacilitators, groups, reviewAssignments, rounds, userRoles, users } from "./schema";
import { demoAccounts, seedDemo } from "./seed";

describe("demo data", () => {
  it("seeds one account per role plus a second finance user, once", async () => {
    expect(await seedDemo()).toEqual({ seeded: true });
    expect(await seedDemo()).toEqual({ seeded: false });
    const rows = await db.select({ email: users.email, role: userRoles.role }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id));
    expect(rows.map((r) => `${r.role}:${r.email}`).sort()).toEqual(demoAccounts.map((a) => `${a.roles[0]}:${a.email}`).sort());
  });

  it("seeds the programme, about forty groups and applications in every state, once, through the transition table", async () => {
    expect(await seedGrantsDemo()).toEqual({ seeded: true });
    expect(await seedGrantsDemo()).toEqual({ seeded: false });
    expect((await db.select({ n: count() }).from(groups))[0].n).toBe(40);
    const statuses = await db.select({ status: rounds.status }).from(rounds);
    expect(statuses.map((r) => r.status).sort()).toEqual(["closed", "open"]);
    const byStatus = await db.select({ status: applications.status, n: count() }).from(applications).groupBy(applications.status);
    expect(byStatus.map((r) => r.status).sort()).toEqual(["clarification_requested", "draft", "eligible", "ineligible", "submitted"]);
    // Every application's status history is in the audit log and ends where the row is.
    const lastTransition = await db.execute<{ entity_id: string; last: string }>(sql`
      select distinct on (entity_id) entity_id, data->>'to' as last
      from audit_log where entity_type = 'application' and data ? 'to' order by entity_id, id desc`);
    const rows = Array.isArray(lastTransition) ? lastTransition : (lastTransition as unknown as { rows: { entity_id: string; last: string }[] }).rows;
    const current = new Map((await db.select({ id: applications.id, status: applications.status }).from(applications)).map((a) => [a.id, a.status]));
    for (const row of rows) expect(row.last).toBe(current.get(row.entity_id));
    expect((await db.select({ n: count() }).from(groupFacilitators))[0].n).toBeGreaterThanOrEqual(5);
    const [leaderGroup] = await db.select().from(groups).innerJoin(users, eq(users.id, groups.ownerId)).where(eq(users.email, "group@gieo.test"));
    const [draft] = await db.select().from(applications).where(eq(applications.groupId, leaderGroup.groups.id));
    expect(draft.status).toBe("draft");
    // Stored encrypted; the clear number appears nowhere in the row.
    const sealed = leaderGroup.groups.bankAccountEnc!;
    expect(sealed).toMatch(/^v2:/);
    const clear = decrypt(sealed, sealedAt("groups", "bank_account_enc", leaderGroup.groups.id));
    expect(clear).toMatch(/^\d{10}$/);
    expect(clear.endsWith(leaderGroup.groups.bankAccountLast4!)).toBe(true);
    expect(JSON.stringify(leaderGroup.groups)).not.toContain(clear);
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBeGreaterThan(80);
  });

  it("seeds reviews in every state and decisions of each kind on the closed round, once", async () => {
    expect(await seedReviewsDemo()).toEqual({ seeded: true });
    expect(await seedReviewsDemo()).toEqual({ seeded: false });
    const states = await db.selectDistinct({ status: reviewAssignments.status }).from(reviewAssignments);
    expect(states.map((s) => s.status).sort()).toEqual(["assigned", "conflict", "in_progress", "submitted"]);
    const outcomes = await db.selectDistinct({ outcome: decisions.outcome }).from(decisions);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["approved", "rejected", "waitlisted"]);
    const waiting = await db
      .select({ n: count() })
      .from(reviewAssignments)
      .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
      .where(sql`${users.email} = 'reviewer@gieo.test' and ${reviewAssignments.status} = 'assigned'`);
    expect(waiting[0].n).toBeGreaterThan(0);
    // Each decided application's status matches its decision.
    const decided = await db.select({ outcome: decisions.outcome, status: applications.status }).from(decisions).innerJoin(applications, eq(applications.id, decisions.applicationId));
    for (const row of decided) expect(row.status).toBe(row.outcome);
  });
});
