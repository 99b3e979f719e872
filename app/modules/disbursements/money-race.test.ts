import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, disbursements, grants as grantTable, tranches as trancheTable } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { startServer, type TestServer } from "../../testing/fixtures";
import { seeded, StripeFake } from "../../testing/stripe-fake";
import { todayInVietNam } from "./disbursements.schema";
import { runInBatches, type Outcome } from "../../testing/race";
import { makeActor, makeDueGrant } from "../../testing/factories";
import type { Actor } from "../../kernel/actor";
import { approveDisbursement, cancelDisbursement, prepareDisbursement, recordBankPayment } from "./disbursements.server";
import { liveDisbursementStatuses } from "./machine";
import { fakeAccount } from "../../testing/factories";
import { payByStripe } from "./stripe-payment.server";

// 1,000 randomised prepare / approve / pay / cancel operations by four finance users over six
// grants, 25 at a time (SPEC.md "Rules the data keeps"). On PostgreSQL they truly run side by
// side on a pool of connections; on PGlite they queue. Either way: the live disbursements never
// exceed a tranche or an award, every operation either succeeds or is refused cleanly (never an
// exception, a deadlock or a half-written row), and every Stripe payment moved money exactly once.

const OPERATIONS = 1000;
const AT_ONCE = 25;
const AGRIBANK = "970405";

let fake: StripeFake;
let server: TestServer;
let finance: Actor[];

beforeAll(async () => {
  fake = await StripeFake.start();
  server = await startServer({ env: fake.env({ timeoutMs: 5000, retries: 2 }) });
  finance = await Promise.all([1, 2, 3, 4].map(() => makeActor(["finance"])));
});
afterAll(async () => {
  await server.close();
  await fake.close();
});

describe(`money under load (${currentDatabase().driver})`, () => {
  it(`${OPERATIONS} random operations by several finance users: awards held, each refusal clean, each payment once`, async () => {
    const made = await Promise.all(
      Array.from({ length: 6 }, () => makeDueGrant({ award: 10_000_000n, due: "all", stripeAccountId: fakeAccount() })),
    );
    const grantIds = made.map((g) => g.grantId);
    const trancheOf = made.flatMap((g) => g.trancheIds.map((trancheId) => ({ grantId: g.grantId, trancheId })));
    const random = seeded(20261122);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const known: string[] = [];

    const operation = (i: number): [string, () => Promise<Outcome>] => {
      const who = pick(finance);
      const roll = random();
      if (roll < 0.4 || known.length === 0) {
        const { grantId, trancheId } = pick(trancheOf);
        // Mostly sensible amounts, sometimes too much, zero or negative.
        const amount = pick([500_000n, 1_000_000n, 2_000_000n, 3_000_000n, 4_000_000n, 6_000_000n, 7_000_000n, 0n, -1n]);
        const method = pick(["stripe", "bank_transfer"] as const);
        return [
          "prepare",
          async () => {
            const r = await prepareDisbursement({ grantId, trancheId, amount, method, bankBin: method === "bank_transfer" ? AGRIBANK : undefined }, who);
            if (r.ok) known.push(r.id);
            return r;
          },
        ];
      }
      const id = pick(known);
      if (roll < 0.65) return ["approve", () => approveDisbursement(id, who)];
      if (roll < 0.92) {
        return [
          "pay",
          async () => {
            const [row] = await db.select({ method: disbursements.method }).from(disbursements).where(eq(disbursements.id, id));
            return row.method === "stripe" ? payByStripe(id, who) : recordBankPayment(id, { bankReference: `FT${i}`, paidOn: todayInVietNam() }, who);
          },
        ];
      }
      return ["cancel", () => cancelDisbursement(id, "Lập nhầm", who)];
    };

    const checkLimits = async () => {
      const live = inArray(disbursements.status, [...liveDisbursementStatuses]);
      const byGrant = await db
        .select({ award: grantTable.awardedAmount, live: sql<string>`coalesce(sum(${disbursements.amount}) filter (where ${live}), 0)::text` })
        .from(grantTable)
        .leftJoin(disbursements, eq(disbursements.grantId, grantTable.id))
        .where(inArray(grantTable.id, grantIds))
        .groupBy(grantTable.id);
      for (const g of byGrant) expect(BigInt(g.live)).toBeLessThanOrEqual(g.award);
      const byTranche = await db
        .select({ amount: trancheTable.amount, live: sql<string>`coalesce(sum(${disbursements.amount}) filter (where ${live}), 0)::text` })
        .from(trancheTable)
        .leftJoin(disbursements, eq(disbursements.trancheId, trancheTable.id))
        .where(inArray(trancheTable.grantId, grantIds))
        .groupBy(trancheTable.id);
      for (const t of byTranche) expect(BigInt(t.live)).toBeLessThanOrEqual(t.amount);
    };

    const { results, crashes } = await runInBatches(OPERATIONS, AT_ONCE, operation, checkLimits);

    expect(crashes).toEqual([]);
    for (const { kind, outcome } of results) {
      if (!outcome.ok) expect([400, 403, 404, 409], `${kind} answered ${outcome.status}`).toContain(outcome.status);
    }
    // Enough of each kind happened, and enough was refused, for the run to mean something.
    for (const kind of ["prepare", "approve", "pay", "cancel"]) {
      expect(results.filter((r) => r.kind === kind && r.outcome.ok).length, kind).toBeGreaterThan(5);
    }
    expect(results.filter((r) => !r.outcome.ok).length).toBeGreaterThan(50);

    const rows = await db.select().from(disbursements).where(inArray(disbursements.grantId, grantIds));
    expect(rows.filter((r) => r.status === "processing")).toEqual([]);
    for (const row of rows) {
      if (row.approvedBy) expect(row.approvedBy).not.toBe(row.preparedBy);
      const transfers = fake.transfersFor(row.id);
      expect(transfers, `${row.method} ${row.status}`).toHaveLength(row.method === "stripe" && row.status === "paid" ? 1 : 0);
      const paidRows = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "disbursement.paid")));
      expect(paidRows).toHaveLength(row.status === "paid" ? 1 : 0);
    }
    expect(rows.filter((r) => r.status === "paid").length).toBeGreaterThan(5);
  }, 600_000);
});
