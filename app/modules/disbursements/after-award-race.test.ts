import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { disbursements, grants as grantTable, grantVersions, moneyReturns, tranches } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { runInBatches, type Outcome } from "../../testing/race";
import { makeActor, makeDueGrant } from "../../testing/factories";
import { seeded } from "../../testing/stripe-fake";
import { acceptAmendment, approveAmendment, proposeAmendment } from "../amendments/commands.server";
import { loadGrant } from "../grants/grant-reads.server";
import { resumeGrant, suspendGrant, terminateGrant } from "../grants/stop-commands.server";
import { todayInVietNam } from "./disbursements.schema";
import { approveDisbursement, prepareDisbursement, recordBankPayment } from "./disbursements.server";
import { stopMoneyOfGrant } from "./grant-stop.server";
import { moneyInTranches } from "./tranche-money.server";
import { approveReturn, recordReturn } from "./returns.server";

// Issue 14, "the rules, tested": 1,000 randomised operations (prepare, approve, pay, amend,
// suspend, resume, terminate, record and approve money that came back) by several finance users and admins
// over several grants, 25 at a time. On PostgreSQL they run side by side on a pool; on PGlite they
// queue. Either way every invariant holds after each batch, and every operation is done or refused
// cleanly (never an exception or a deadlock).

const OPERATIONS = 1000;
const AT_ONCE = 25;
const AGRIBANK = "970405";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

let finance: Actor[];
let admins: Actor[];
let leader: Actor;

beforeAll(async () => {
  finance = await Promise.all([1, 2, 3, 4].map(() => makeActor(["finance"])));
  admins = await Promise.all([1, 2].map(() => makeActor(["admin"])));
  leader = await makeActor(["applicant"]);
});

/**
 * What is taken of the tranche in the row, from its disbursements and returns (as the migration's
 * function). The outer row is named in full: Drizzle writes a one-table query's columns bare, and
 * a bare "id" inside the subqueries would be the disbursement's own.
 */
const takenComputed = sql`(select coalesce(sum(d.amount), 0) from ${disbursements} d
    where d.tranche_id = "tranches"."id" and d.status in ('prepared', 'approved', 'processing', 'paid'))
  - (select coalesce(sum(r.amount), 0) from ${moneyReturns} r join ${disbursements} d on d.id = r.disbursement_id
    where d.tranche_id = "tranches"."id" and r.status = 'approved')`;

describe(`after the award, under load (${currentDatabase().driver})`, () => {
  it(`${OPERATIONS} random operations: awards, returns and suspensions held, each refusal clean`, async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => makeDueGrant({ award: 10_000_000n, due: "all" })));
    const grantIds = made.map((g) => g.grantId);
    const trancheOf = made.flatMap((g) => g.trancheIds.map((trancheId) => ({ grantId: g.grantId, trancheId })));
    const random = seeded(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const known: string[] = [];
    const returns: string[] = [];

    const operation = (i: number): [string, () => Promise<Outcome>] => {
      const who = pick(finance);
      const roll = random();
      if (roll < 0.3 || known.length === 0) {
        const { grantId, trancheId } = pick(trancheOf);
        const amount = pick([1_000_000n, 2_000_000n, 3_000_000n, 6_000_000n, 7_000_000n]);
        return [
          "prepare",
          async () => {
            const r = await prepareDisbursement({ grantId, trancheId, amount, method: "bank_transfer", bankBin: AGRIBANK }, who);
            if (r.ok) known.push(r.id);
            return r;
          },
        ];
      }
      const id = pick(known);
      if (roll < 0.5) return ["approve", () => approveDisbursement(id, who)];
      if (roll < 0.7) return ["pay", () => recordBankPayment(id, { bankReference: `FT${i}`, paidOn: todayInVietNam() }, who)];
      if (roll < 0.8) {
        return [
          "return",
          async () => {
            const [d] = await db.select({ grantId: disbursements.grantId }).from(disbursements).where(eq(disbursements.id, id));
            const amount = pick([500_000n, 1_000_000n, 3_000_000n]);
            const proof = new File([PNG], "hoan.png", { type: "image/png" });
            const input = { kind: "bounced" as const, disbursementId: id, amount, method: "bank_transfer" as const, receivedOn: todayInVietNam(), reference: `HOAN${i}`, note: "" };
            const r = await recordReturn(d.grantId, input, proof, who);
            if (r.ok) returns.push(r.id);
            return r;
          },
        ];
      }
      if (roll < 0.88 && returns.length > 0) return ["approve-return", () => approveReturn(pick(returns), who)];
      if (roll < 0.94) {
        // An amendment proposed, approved and accepted at once, from the tranches as read now: the
        // ones with money kept, the last free one resized by up to 2 M (the award with it), or a
        // new tranche of 1 M when none is free. Stale reads meet the commands' own checks.
        const grantId = pick(grantIds);
        const delta = pick([-2_000_000n, -1_000_000n, 0n, 1_000_000n, 2_000_000n]);
        const waits = pick(["signing", "report:m6"]);
        const [proposer, approver] = random() < 0.5 ? admins : [admins[1], admins[0]];
        return [
          "amend",
          async () => {
            const grant = (await loadGrant(grantId))!;
            const money = await moneyInTranches(db, grantId);
            const plan = grant.tranches.map((t) => ({ trancheId: t.id as string | null, amount: t.amount, waitsFor: t.waitsFor, free: (money.get(t.id) ?? 0n) === 0n }));
            const free = plan.filter((t) => t.free).at(-1);
            if (free && free.amount + delta > 0n) Object.assign(free, { amount: free.amount + delta, waitsFor: waits });
            else plan.push({ trancheId: null, amount: 1_000_000n, waitsFor: "signing", free: true });
            const awardedAmount = plan.reduce((sum, t) => sum + t.amount, 0n);
            const input = { reason: `Sửa đổi ${i}`, awardedAmount, conditions: "", endsOn: null, tranches: plan.map(({ free: _, ...t }) => t), reports: [], changeRequestId: null };
            const proposed = await proposeAmendment(grant, input, proposer);
            if (!proposed.ok) return proposed;
            const [version] = await db.select({ id: grantVersions.id }).from(grantVersions).where(eq(grantVersions.grantId, grantId)).orderBy(sql`${grantVersions.version} desc`).limit(1);
            const approved = await approveAmendment(grant, version.id, approver);
            if (!approved.ok) return approved;
            return acceptAmendment(grant, version.id, { by: "owner", signature: leader.user.name }, leader);
          },
        ];
      }
      const grantId = pick(grantIds);
      const admin = pick(admins);
      const stop = random();
      return [
        stop < 0.45 ? "suspend" : stop < 0.95 ? "resume" : "terminate",
        async () => {
          const grant = (await loadGrant(grantId))!;
          const input = { reason: `Lý do ${i}` };
          if (stop < 0.45) return suspendGrant(grant, input, admin);
          if (stop < 0.95) return resumeGrant(grant, input, admin);
          return terminateGrant(grant, input, admin, stopMoneyOfGrant);
        },
      ];
    };

    // The outer grant is named as grants.id: Drizzle writes a column of a one-table select
    // unqualified ("id"), which inside a subquery would name the subquery's own row.
    const checkInvariants = async () => {
      const byGrant = await db
        .select({
          award: grantTable.awardedAmount,
          released: grantTable.releasedAmount,
          live: sql<string>`(select coalesce(sum(d.amount), 0) from ${disbursements} d
            where d.grant_id = grants.id and d.status in ('prepared', 'approved', 'processing', 'paid'))::text`,
          paid: sql<string>`(select coalesce(sum(d.amount), 0) from ${disbursements} d where d.grant_id = grants.id and d.status = 'paid')::text`,
          approvedBack: sql<string>`(select coalesce(sum(r.amount), 0) from ${moneyReturns} r where r.grant_id = grants.id and r.status = 'approved')::text`,
          allBack: sql<string>`(select coalesce(sum(r.amount), 0) from ${moneyReturns} r where r.grant_id = grants.id and r.status <> 'cancelled')::text`,
          tranches: sql<string>`(select coalesce(sum(t.amount), 0) from ${tranches} t where t.grant_id = grants.id)::text`,
          overTranche: sql<number>`(select count(*) from ${tranches} t where t.grant_id = grants.id and t.amount < (
            (select coalesce(sum(d.amount), 0) from ${disbursements} d where d.tranche_id = t.id and d.status in ('prepared', 'approved', 'processing', 'paid'))
            - (select coalesce(sum(r.amount), 0) from ${moneyReturns} r join ${disbursements} d on d.id = r.disbursement_id where d.tranche_id = t.id and r.status = 'approved')))`.mapWith(Number),
        })
        .from(grantTable)
        .where(inArray(grantTable.id, grantIds));
      for (const g of byGrant) {
        expect(BigInt(g.live) - BigInt(g.approvedBack)).toBeLessThanOrEqual(g.award - g.released);
        expect(BigInt(g.allBack)).toBeLessThanOrEqual(BigInt(g.paid));
        // Amendments (issue 14, item 1): the tranches still sum to the award, none below its money.
        expect(BigInt(g.tranches)).toBe(g.award);
        expect(g.overTranche).toBe(0);
      }
      // What the database keeps of each tranche (issue 17, the queue's index) is what its rows say.
      const drifted = await db
        .select({ id: tranches.id, kept: tranches.taken, computed: sql<string>`(${takenComputed})::text` })
        .from(tranches)
        .where(and(inArray(tranches.grantId, grantIds), sql`${tranches.taken} <> ${takenComputed}`));
      expect(drifted).toEqual([]);
    };

    const { results, crashes } = await runInBatches(OPERATIONS, AT_ONCE, operation, checkInvariants);

    expect(crashes).toEqual([]);
    for (const { kind, outcome } of results) {
      // 429: the per-person upload limit on proofs (DECISIONS.md 41), a clean refusal too.
      if (!outcome.ok) expect([400, 403, 404, 409, 429], `${kind} answered ${outcome.status}`).toContain(outcome.status);
    }
    for (const kind of ["prepare", "approve", "pay", "return", "approve-return", "amend", "suspend", "resume"]) {
      expect(results.filter((r) => r.kind === kind && r.outcome.ok).length, kind).toBeGreaterThan(2);
    }
    // A terminated grant keeps nothing pending: its termination cancelled it, and the database
    // refused anything prepared or approved after.
    const rows = await db
      .select({ status: disbursements.status, grantStatus: grantTable.status })
      .from(disbursements)
      .innerJoin(grantTable, eq(grantTable.id, disbursements.grantId))
      .where(inArray(disbursements.grantId, grantIds));
    expect(rows.filter((d) => d.grantStatus === "terminated" && (d.status === "prepared" || d.status === "approved"))).toEqual([]);
  }, 600_000);
});
