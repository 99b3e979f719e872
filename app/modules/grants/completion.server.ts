import { and, desc, eq, ne, sql } from "drizzle-orm";
import { BASELINE_REPORT_KEY, grantClosures, grants, groups, outcomeReports, spendingReports } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { applyTransition } from "../../kernel/transition.server";
import { groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";
import { grantMachine } from "./machine";

// Close-out (issue 14, item 6). A grant is completed when its final outcome report and its final
// spending report are approved and its money is settled — never by its last payment alone (a
// paid grant whose group has not yet said what it did with the money is not finished). The check
// runs in the transaction of every event that can make it true: a report approved (outcome or
// spending), a payment recorded or reversed, money coming back approved. It reads the reports'
// and the money's tables (reading is allowed across modules) and writes only the grants module's
// rows: the status, through the machine, and the closure with the figures its letter prints.

/** Where a grant's close-out stands: every figure and condition the page and the letter show. */
export interface CloseOut {
  /** The key of the last outcome report of the grant's schedule; its spending report is the final one. */
  finalKey: string | null;
  finalOutcomeStatus: string | null;
  finalSpendingStatus: string | null;
  /** Disbursements paid and not reversed. */
  paid: bigint;
  /** Approved money returns other than refunds: bounced transfers, cash handed back. */
  returned: bigint;
  /** Approved money returns of kind "refund": unspent money the group gave back. */
  refunded: bigint;
  /** What the group's approved spending reports say it spent. */
  spent: bigint;
  ownCash: bigint;
  ownInKindValue: bigint;
  /** A disbursement or a money return not yet final (prepared, approved, at Stripe). */
  inFlight: boolean;
  /** A tranche due (its condition met, not held) that has not fully reached the group. */
  owed: boolean;
  /** paid − returned = spent + refunded. */
  settled: boolean;
  /** Everything close-out waits for is there. */
  ready: boolean;
}

/** The money of a grant as close-out reads it, in one statement. */
type MoneyRow = {
  paid: string;
  returned: string;
  refunded: string;
  spent: string;
  own_cash: string;
  own_in_kind: string;
  in_flight: boolean;
  owed: boolean;
};

/** The grant's close-out figures, read in the caller's transaction (or outside one, for pages). */
export async function closeOutOf(grantId: string, tx: DbOrTx = db): Promise<CloseOut> {
  const [final] = await tx
    .select({ key: outcomeReports.key, status: outcomeReports.status })
    .from(outcomeReports)
    .where(and(eq(outcomeReports.grantId, grantId), ne(outcomeReports.key, BASELINE_REPORT_KEY)))
    .orderBy(desc(outcomeReports.months), desc(outcomeReports.key))
    .limit(1);
  const [spending] = final
    ? await tx
        .select({ status: spendingReports.status })
        .from(spendingReports)
        .where(and(eq(spendingReports.grantId, grantId), eq(spendingReports.key, final.key)))
    : [];
  const rows = await tx.execute<MoneyRow>(sql`select
      (select coalesce(sum(amount), 0) from disbursements where grant_id = ${grantId} and status = 'paid')::text as paid,
      (select coalesce(sum(amount), 0) from money_returns where grant_id = ${grantId} and status = 'approved' and kind <> 'refund')::text as returned,
      (select coalesce(sum(amount), 0) from money_returns where grant_id = ${grantId} and status = 'approved' and kind = 'refund')::text as refunded,
      (select coalesce(sum(l.amount), 0) from spending_lines l join spending_reports r on r.id = l.report_id
        where r.grant_id = ${grantId} and r.status = 'approved')::text as spent,
      (select coalesce(sum(own_cash), 0) from spending_reports where grant_id = ${grantId} and status = 'approved')::text as own_cash,
      (select coalesce(sum(own_in_kind_value), 0) from spending_reports where grant_id = ${grantId} and status = 'approved')::text as own_in_kind,
      (exists (select 1 from disbursements where grant_id = ${grantId} and status in ('prepared', 'approved', 'processing'))
        or exists (select 1 from money_returns where grant_id = ${grantId} and status = 'prepared')) as in_flight,
      exists (select 1 from tranches t where t.grant_id = ${grantId} and t.condition_met_at is not null and not t.held_by_conditions
        and t.amount > (select coalesce(sum(d.amount), 0) from disbursements d where d.tranche_id = t.id and d.status = 'paid')
          - (select coalesce(sum(m.amount), 0) from money_returns m join disbursements d on d.id = m.disbursement_id
              where d.tranche_id = t.id and m.status = 'approved')) as owed`);
  const row = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as MoneyRow;
  const paid = BigInt(row.paid);
  const returned = BigInt(row.returned);
  const refunded = BigInt(row.refunded);
  const spent = BigInt(row.spent);
  const settled = paid - returned === spent + refunded;
  const finalOutcomeStatus = final?.status ?? null;
  const finalSpendingStatus = spending?.status ?? null;
  return {
    finalKey: final?.key ?? null,
    finalOutcomeStatus,
    finalSpendingStatus,
    paid,
    returned,
    refunded,
    spent,
    ownCash: BigInt(row.own_cash),
    ownInKindValue: BigInt(row.own_in_kind),
    inFlight: Boolean(row.in_flight),
    owed: Boolean(row.owed),
    settled,
    ready: finalOutcomeStatus === "approved" && finalSpendingStatus === "approved" && settled && !row.in_flight && !row.owed,
  };
}

/** Where the group, staff and finance read a grant's closure letter. */
export function closureLetterLink(grantId: string): string {
  return `/grants/${grantId}/closure`;
}

/**
 * Completes the grant when everything close-out waits for is there (the system's transition),
 * writing its closure with the figures of the day and telling the group and finance. A completed
 * grant whose money no longer balances (a payment reversed after close-out) is active again and
 * its closure withdrawn. Call it in the transaction of the event, the grant's row locked or not:
 * it locks it itself.
 */
export async function closeGrantIfDone(tx: DbOrTx, grantId: string): Promise<"closed" | "reopened" | null> {
  const [grant] = await tx.select({ status: grants.status, groupId: grants.groupId }).from(grants).where(eq(grants.id, grantId)).for("no key update");
  if (!grant || (grant.status !== "active" && grant.status !== "completed")) return null;
  const figures = await closeOutOf(grantId, tx);
  const data = {
    paid: figures.paid.toString(),
    returned: figures.returned.toString(),
    refunded: figures.refunded.toString(),
    spent: figures.spent.toString(),
  };
  if (grant.status === "active" && figures.ready) {
    await applyTransition(tx, grantMachine, { table: grants, id: grantId, to: "completed", actor: "system", as: ["system"], data });
    await tx.insert(grantClosures).values({
      grantId,
      paid: figures.paid,
      returned: figures.returned,
      spent: figures.spent,
      refunded: figures.refunded,
      ownCash: figures.ownCash,
      ownInKindValue: figures.ownInKindValue,
    });
    const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, grant.groupId));
    const inApp = { messageKey: "spending.notice.closed", params: { group: group?.name ?? "" }, link: closureLetterLink(grantId) };
    await tell(tx, { to: groupPeople(grant.groupId), inApp });
    await tell(tx, { to: roleHolders("finance"), inApp });
    return "closed";
  }
  if (grant.status === "completed" && !figures.settled) {
    await applyTransition(tx, grantMachine, { table: grants, id: grantId, to: "active", actor: "system", as: ["system"], data });
    await tx.delete(grantClosures).where(eq(grantClosures.grantId, grantId));
    return "reopened";
  }
  return null;
}

/** A completed grant's closure, for its letter; null while the grant is not closed. */
export async function closureOf(grantId: string, tx: DbOrTx = db) {
  const [row] = await tx.select().from(grantClosures).where(eq(grantClosures.grantId, grantId));
  return row ?? null;
}
