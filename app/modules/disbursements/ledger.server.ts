import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { applications, auditLog, disbursements, grants, groups, programmes, rounds, tranches, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { isUuid } from "../../kernel/ids";
import { stripeConfigured } from "../../infra/stripe.server";
import { guessBankBin } from "./banks.server";
import { isDue } from "./due.server";
import { returnsOfGrant } from "./returns.server";
import type { DisbursementStatus } from "./machine";

// One grant's ledger for finance (SPEC.md step 8, issue #5 "what finance sees"): what was awarded,
// prepared, approved and paid, what remains, tranche by tranche, and each disbursement's history
// read back from the audit log, the record nobody can rewrite.


export interface LedgerFigures {
  awarded: bigint;
  /** Prepared, waiting for the second person. */
  prepared: bigint;
  /** Approved (or being transferred), not yet paid. */
  approved: bigint;
  paid: bigint;
  /** Approved money returns (issue 14): bounced transfers, cash handed back, refunds. */
  returned: bigint;
  /** Paid less returned: what stayed with the group. */
  netPaid: bigint;
  /** The award (less what went back to the round) less every live disbursement net of returns: what can still be prepared. */
  remaining: bigint;
}

/** Sums a grant's disbursements by where they stand, and its approved returns. */
export function figuresOf(
  awarded: bigint,
  rows: readonly { amount: bigint; status: DisbursementStatus }[],
  returns: readonly { amount: bigint; status: string }[] = [],
  released = 0n,
): LedgerFigures {
  const sum = (statuses: DisbursementStatus[]) => rows.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.amount, 0n);
  const prepared = sum(["prepared"]);
  const approved = sum(["approved", "processing"]);
  const paid = sum(["paid"]);
  const returned = returns.filter((r) => r.status === "approved").reduce((s, r) => s + r.amount, 0n);
  return { awarded, prepared, approved, paid, returned, netPaid: paid - returned, remaining: awarded - released - prepared - approved - paid + returned };
}

const preparer = alias(users, "preparer");
const approver = alias(users, "approver");

/** Everything the ledger page shows, or null for an unknown grant. */
export async function loadLedger(grantId: string) {
  if (!isUuid(grantId)) return null;
  const grantQuery = db
    .select({
      id: grants.id,
      status: grants.status,
      awardedAmount: grants.awardedAmount,
      releasedAmount: grants.releasedAmount,
      acceptedAt: grants.acceptedAt,
      conditions: grants.conditions,
      groupId: groups.id,
      groupName: groups.name,
      leaderName: groups.leaderName,
      bankName: groups.bankName,
      bankAccountLast4: groups.bankAccountLast4,
      hasBankAccount: sql<boolean>`${groups.bankAccountEnc} is not null`,
      stripeAccountId: groups.stripeAccountId,
      title: applications.title,
      roundId: rounds.id,
      roundVi: rounds.titleVi,
      roundEn: rounds.titleEn,
      reportSchedule: rounds.reportSchedule,
      programmeVi: programmes.nameVi,
      programmeEn: programmes.nameEn,
    })
    .from(grants)
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .where(eq(grants.id, grantId));
  // The grant, its tranches and its disbursements at once: each is read by the grant's id.
  const [[grant], trancheRows, rows, histories, returns] = await Promise.all([
    grantQuery,
    db.select().from(tranches).where(eq(tranches.grantId, grantId)).orderBy(asc(tranches.position)),
    db
      .select({
        id: disbursements.id,
        trancheId: disbursements.trancheId,
        amount: disbursements.amount,
        method: disbursements.method,
        status: disbursements.status,
        preparedBy: disbursements.preparedBy,
        preparedAt: disbursements.preparedAt,
        preparerName: preparer.name,
        approverName: approver.name,
        bankReference: disbursements.bankReference,
        stripeTransferId: disbursements.stripeTransferId,
        paidOn: disbursements.paidOn,
        paidAt: disbursements.paidAt,
        failureMessage: disbursements.failureMessage,
      })
      .from(disbursements)
      .innerJoin(preparer, eq(preparer.id, disbursements.preparedBy))
      .leftJoin(approver, eq(approver.id, disbursements.approvedBy))
      .where(eq(disbursements.grantId, grantId))
      .orderBy(asc(disbursements.preparedAt), asc(disbursements.id)),
    historiesOf(sql`(select ${disbursements.id}::text from ${disbursements} where ${disbursements.grantId} = ${grantId})`),
    returnsOfGrant(grantId),
  ]);
  if (!grant) return null;
  const live: DisbursementStatus[] = ["prepared", "approved", "processing", "paid"];
  const ledgerTranches = trancheRows.map((t) => {
    const own = rows.filter((r) => r.trancheId === t.id);
    // Approved returns of this tranche's disbursements: a bounced transfer makes it due again.
    const back = returns.filter((r) => r.status === "approved" && own.some((d) => d.id === r.disbursementId)).reduce((s, r) => s + r.amount, 0n);
    const taken = own.filter((r) => live.includes(r.status)).reduce((s, r) => s + r.amount, 0n) - back;
    const paid = own.filter((r) => r.status === "paid").reduce((s, r) => s + r.amount, 0n) - back;
    return {
      id: t.id,
      position: t.position,
      percent: t.percent,
      amount: t.amount,
      waitsFor: t.waitsFor,
      conditionMetAt: t.conditionMetAt,
      heldByConditions: t.heldByConditions,
      due: isDue(grant.status, t.conditionMetAt, t.heldByConditions),
      paid,
      remaining: t.amount - taken,
    };
  });
  const { stripeAccountId, ...rest } = grant;
  return {
    grant: { ...rest, hasStripeAccount: stripeAccountId !== null },
    figures: figuresOf(grant.awardedAmount, rows, returns, grant.releasedAmount),
    returns,
    tranches: ledgerTranches,
    disbursements: rows.map((r) => ({ ...r, history: histories.get(r.id) ?? [] })),
    methods: {
      stripe: stripeConfigured() && stripeAccountId !== null,
      bank_transfer: grant.hasBankAccount,
      cash: true,
    },
    suggestedBankBin: guessBankBin(grant.bankName),
  };
}

export type Ledger = NonNullable<Awaited<ReturnType<typeof loadLedger>>>;

/**
 * Each disbursement's audit rows in order: who did what, when, and what Stripe said. `ids` is a
 * list of disbursement ids or a subquery giving them (as text, the audit log's entity id).
 */
export async function historiesOf(ids: readonly string[] | SQL) {
  const byId = new Map<string, { at: Date; action: string; actorName: string | null; data: Record<string, unknown> | null }[]>();
  if (Array.isArray(ids) && ids.length === 0) return byId;
  const rows = await db
    .select({ entityId: auditLog.entityId, at: auditLog.at, action: auditLog.action, actorName: users.name, data: auditLog.data })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "disbursement"), Array.isArray(ids) ? inArray(auditLog.entityId, [...ids]) : inArray(auditLog.entityId, ids as SQL)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  for (const row of rows) {
    const list = byId.get(row.entityId!) ?? [];
    list.push({ at: row.at, action: row.action, actorName: row.actorName, data: (row.data as Record<string, unknown> | null) ?? null });
    byId.set(row.entityId!, list);
  }
  return byId;
}
