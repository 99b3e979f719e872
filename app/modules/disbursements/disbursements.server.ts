import { and, eq, inArray, sql } from "drizzle-orm";
import { disbursements, grants, groups, moneyReturns, tranches } from "../../../db/schema";
import { withAmount } from "../../forms/with-amount";
import { db, type DbOrTx } from "../../infra/db.server";
import { stripeConfigured } from "../../infra/stripe.server";
import { deleteFile, putFile } from "../../infra/storage.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run as runCommand, type RunOptions } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { cleanUpload, tooManyUploads } from "../applications/attachments.server";
import { writeAudit } from "../audit/audit.server";
import { hasPermission, type Permission } from "../auth/permissions";
import { findBank } from "./banks.server";
import { MAX_RECEIPT_BYTES, type Method } from "./disbursements.schema";
import { isDue, isStopped } from "./due.server";
import { settlePaidOfGrant } from "./grant-completion.server";
import { disbursementMachine, liveDisbursementStatuses, type DisbursementStatus } from "./machine";
import { tellGroupOfPayment } from "./notices.server";

// Disbursement commands (SPEC.md step 8): prepare, approve, cancel, record a bank or cash payment.
// Every command runs in one transaction that locks the grant's row first, then the disbursement's:
// the same order as the database trigger (migration 0007) and every other writer, so two finance
// users acting at once are served one after the other and never deadlock. The trigger and the
// two-people CHECK stay the last word on money; their refusals come back as clean answers.

/** The disbursement and its status after the command. */
export type DisbursementResult = CommandResult<{ id: string; status: DisbursementStatus }>;

export interface PrepareInput {
  /** Made by the form's page, so a repeated post prepares nothing twice; random when absent. */
  id?: string;
  /** The grant the page is about; a tranche of another grant is refused. */
  grantId: string;
  trancheId: string;
  amount: bigint;
  method: Method;
  recipientName?: string;
  bankBin?: string | null;
  note?: string;
}

const notFound = () => refuse(404, { "": "disbursements.errors.notFound" });

/** The database's own rules on money, as finance reads them. */
const moneyRules: RunOptions = {
  constraints: {
    disbursements_within_award: { ok: false, status: 400, errors: { amount: "disbursements.errors.overRemainingNow" } },
    disbursements_two_people: { ok: false, status: 403, errors: { "": "disbursements.errors.ownDisbursement" } },
    // The grant was suspended or terminated (issue 14): no new money leaves for it.
    disbursements_need_payable_grant: { ok: false, status: 409, errors: { "": "finance.errors.grantStopped" } },
    // Two first posts of one form racing on different grants' locks: the id is taken.
    disbursements_pkey: { ok: false, status: 409, errors: { "": "disbursements.errors.alreadyPrepared" } },
  },
};

const run = (work: (tx: DbOrTx) => Promise<{ id: string; status: DisbursementStatus }>): Promise<DisbursementResult> => runCommand(work, moneyRules);

function requireAllowed(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.user.roles, permission)) refuse(403, { "": "disbursements.errors.notAllowed" });
}

/** Locks the grant's row: the first lock of every command, as in the database trigger. */
export async function lockGrant(tx: DbOrTx, grantId: string) {
  const [grant] = await tx
    .select({ id: grants.id, status: grants.status, groupId: grants.groupId, awardedAmount: grants.awardedAmount, releasedAmount: grants.releasedAmount })
    .from(grants)
    .where(eq(grants.id, grantId))
    .for("no key update");
  return grant ?? null;
}

/**
 * Sum of live disbursements less approved money returns (issue 14: a bounced tranche is due
 * again), of a tranche or the whole grant; read with the grant locked. As the database trigger.
 */
async function liveSum(tx: DbOrTx, where: { grantId: string } | { trancheId: string }): Promise<bigint> {
  const returned =
    "grantId" in where
      ? sql`(select coalesce(sum(r.amount), 0) from ${moneyReturns} r where r.grant_id = ${where.grantId} and r.status = 'approved')`
      : sql`(select coalesce(sum(r.amount), 0) from ${moneyReturns} r join ${disbursements} d on d.id = r.disbursement_id
          where d.tranche_id = ${where.trancheId} and r.status = 'approved')`;
  const [row] = await tx
    .select({ sum: sql<string>`(coalesce(sum(${disbursements.amount}), 0) - ${returned})::text` })
    .from(disbursements)
    .where(
      and(
        "grantId" in where ? eq(disbursements.grantId, where.grantId) : eq(disbursements.trancheId, where.trancheId),
        inArray(disbursements.status, [...liveDisbursementStatuses]),
      ),
    );
  return BigInt(row?.sum ?? "0");
}

/**
 * Locks a disbursement after its grant. The grant id never changes, so reading it unlocked first
 * is safe; the locked read then sees the latest status.
 */
async function lockDisbursement(tx: DbOrTx, id: string) {
  if (!isUuid(id)) return notFound();
  const [first] = await tx.select({ grantId: disbursements.grantId }).from(disbursements).where(eq(disbursements.id, id));
  if (!first) return notFound();
  const grant = await lockGrant(tx, first.grantId);
  const [row] = await tx.select().from(disbursements).where(eq(disbursements.id, id)).for("update");
  if (!grant || !row) return notFound();
  return { grant, row };
}

type Row = typeof disbursements.$inferSelect;

async function move(tx: DbOrTx, row: Row, to: DisbursementStatus, actor: Actor, data: Record<string, unknown>, set: Partial<Row> = {}) {
  await applyTransition(tx, disbursementMachine, {
    table: disbursements,
    id: row.id,
    to,
    actor,
    as: partiesOf(actor.user),
    set: { ...set, updatedAt: new Date() },
    data,
  });
}

/** Whether `prepared` is the same request as `input`, posted again. */
function samePreparation(row: Row, input: PrepareInput, actor: Actor): boolean {
  return row.grantId === input.grantId && row.trancheId === input.trancheId && row.amount === input.amount && row.method === input.method && row.preparedBy === actor.user.id;
}

/**
 * Prepares a disbursement of a due tranche: at most what remains of it, by a method the group can
 * receive. Stripe needs the keys configured and the group's connected account; a bank transfer
 * needs the group's account and the bank finance chose for the VietQR code.
 */
export async function prepareDisbursement(input: PrepareInput, actor: Actor): Promise<DisbursementResult> {
  return run(async (tx) => {
    requireAllowed(actor, "prepare:disbursement");
    const id = input.id ?? crypto.randomUUID();
    if (!isUuid(id)) return refuse(400, { "": "errors.invalid" });
    if (!isUuid(input.grantId)) return notFound();
    if (!isUuid(input.trancheId)) return refuse(400, { trancheId: "disbursements.errors.chooseTranche" });
    if (typeof input.amount !== "bigint" || input.amount <= 0n) return refuse(400, { amount: "disbursements.errors.amountPositive" });
    const grant = await lockGrant(tx, input.grantId);
    if (!grant) return notFound();

    const [existing] = await tx.select().from(disbursements).where(eq(disbursements.id, id));
    if (existing) {
      if (samePreparation(existing, input, actor)) return { id, status: existing.status };
      return refuse(409, { "": "disbursements.errors.alreadyPrepared" });
    }

    const [tranche] = await tx
      .select({ id: tranches.id, amount: tranches.amount, conditionMetAt: tranches.conditionMetAt, heldByConditions: tranches.heldByConditions })
      .from(tranches)
      .where(and(eq(tranches.id, input.trancheId), eq(tranches.grantId, grant.id)));
    if (!tranche) return refuse(400, { trancheId: "disbursements.errors.chooseTranche" });
    if (isStopped(grant.status)) return refuse(409, { "": "finance.errors.grantStopped" });
    if (tranche.heldByConditions && isDue(grant.status, tranche.conditionMetAt)) return refuse(409, { trancheId: "disbursements.errors.heldByConditions" });
    if (!isDue(grant.status, tranche.conditionMetAt)) return refuse(409, { trancheId: "disbursements.errors.notDue" });

    const left = tranche.amount - (await liveSum(tx, { trancheId: tranche.id }));
    const leftOfAward = grant.awardedAmount - grant.releasedAmount - (await liveSum(tx, { grantId: grant.id }));
    const remaining = left < leftOfAward ? left : leftOfAward;
    if (input.amount > remaining) {
      return refuse(400, { amount: withAmount("disbursements.errors.overRemaining", "left", remaining < 0n ? 0n : remaining, actor.user.locale) });
    }

    const [group] = await tx
      .select({ leaderName: groups.leaderName, stripeAccountId: groups.stripeAccountId, bankAccountEnc: groups.bankAccountEnc })
      .from(groups)
      .where(eq(groups.id, grant.groupId));
    if (!group) return notFound();
    let bankBin: string | null = null;
    if (input.method === "stripe" && (!stripeConfigured() || !group.stripeAccountId)) {
      return refuse(400, { method: "disbursements.errors.noStripeAccount" });
    }
    if (input.method === "bank_transfer") {
      if (!group.bankAccountEnc) return refuse(400, { method: "disbursements.errors.noBankAccount" });
      bankBin = findBank(input.bankBin)?.bin ?? null;
      if (!bankBin) return refuse(400, { bankBin: "disbursements.errors.chooseBank" });
    }
    const recipientName = input.recipientName?.trim() || group.leaderName;

    await tx.insert(disbursements).values({
      id,
      grantId: grant.id,
      trancheId: tranche.id,
      amount: input.amount,
      method: input.method,
      recipientName,
      bankBin,
      note: input.note ?? "",
      status: "prepared",
      preparedBy: actor.user.id,
    });
    // A new disbursement has no "from" in the transition table: its first audit row is written here.
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "disbursement.prepared",
      entityType: "disbursement",
      entityId: id,
      ip: actor.ip,
      data: { to: "prepared", amount: input.amount.toString(), method: input.method, trancheId: tranche.id, bankBin, recipientName },
    });
    return { id, status: "prepared" as const };
  });
}

/** The second person's approval. Whoever prepared a disbursement never approves it. */
export async function approveDisbursement(id: string, actor: Actor): Promise<DisbursementResult> {
  return run(async (tx) => {
    requireAllowed(actor, "approve:disbursement");
    const { grant, row } = await lockDisbursement(tx, id);
    if (row.preparedBy === actor.user.id) return refuse(403, { "": "disbursements.errors.ownDisbursement" });
    // Approved already, by this same person: the second post of one click.
    if (row.approvedBy === actor.user.id) return { id, status: row.status };
    if (row.status !== "prepared") return refuse(409, { "": `disbursements.errors.notApprovable` });
    if (isStopped(grant.status)) return refuse(409, { "": "finance.errors.grantStopped" });
    await move(tx, row, "approved", actor, {}, { approvedBy: actor.user.id, approvedAt: new Date() });
    return { id, status: "approved" as const };
  });
}

/** Withdraws a disbursement not yet paid; its amount is free again for the tranche. */
export async function cancelDisbursement(id: string, reason: string, actor: Actor): Promise<DisbursementResult> {
  return run(async (tx) => {
    requireAllowed(actor, "prepare:disbursement");
    const { row } = await lockDisbursement(tx, id);
    if (row.status === "cancelled") return { id, status: row.status };
    if (row.status !== "prepared" && row.status !== "approved") return refuse(409, { "": "disbursements.errors.notCancellable" });
    const cleaned = reason.trim().slice(0, 1000);
    if (!cleaned) return refuse(400, { reason: "errors.required" });
    await move(tx, row, "cancelled", actor, { reason: cleaned });
    return { id, status: "cancelled" as const };
  });
}

/** Checks a manual payment may be recorded now: answers the repeat of a recorded one, or refuses. */
function payable(row: Row, method: Method, repeat: (row: Row) => boolean): DisbursementStatus | null {
  if (row.method !== method) return refuse(400, { "": "disbursements.errors.wrongMethod" });
  if (row.status === "paid" && repeat(row)) return row.status;
  if (row.status === "prepared") return refuse(409, { "": "disbursements.errors.notApproved" });
  if (row.status !== "approved") return refuse(409, { "": "disbursements.errors.notPayable" });
  return null;
}

/** Records a bank transfer finance made from the programme's account: its reference and date. */
export async function recordBankPayment(
  id: string,
  payment: { bankReference: string; paidOn: string },
  actor: Actor,
): Promise<DisbursementResult> {
  return run(async (tx) => {
    requireAllowed(actor, "pay:disbursement");
    const { row } = await lockDisbursement(tx, id);
    const bankReference = payment.bankReference.trim();
    const settled = payable(row, "bank_transfer", (r) => r.bankReference === bankReference);
    if (settled) return { id, status: settled };
    if (!bankReference || bankReference.length > 100) return refuse(400, { bankReference: "errors.required" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(payment.paidOn)) return refuse(400, { paidOn: "errors.dateInvalid" });
    await move(tx, row, "paid", actor, { bankReference, paidOn: payment.paidOn }, { bankReference, paidOn: payment.paidOn, paidAt: new Date() });
    await tellGroupOfPayment(tx, id);
    await settlePaidOfGrant(tx, row.grantId);
    return { id, status: "paid" as const };
  });
}

/**
 * Records a cash payment against the signed receipt (phiếu chi): the scan is judged by its bytes,
 * cleaned and stored before the transaction, and removed again if nothing is recorded.
 */
export async function recordCashPayment(id: string, payment: { paidOn: string; receipt: File }, actor: Actor): Promise<DisbursementResult> {
  if (!hasPermission(actor.user.roles, "pay:disbursement")) return { ok: false, status: 403, errors: { "": "disbursements.errors.notAllowed" } };
  if (!isUuid(id)) return { ok: false, status: 404, errors: { "": "disbursements.errors.notFound" } };
  const [current] = await db.select({ status: disbursements.status, method: disbursements.method }).from(disbursements).where(eq(disbursements.id, id));
  if (!current) return { ok: false, status: 404, errors: { "": "disbursements.errors.notFound" } };
  // A repeat of a recorded payment stores no second file.
  if (current.method === "cash" && current.status === "paid") return { ok: true, id, status: "paid" };
  if (payment.receipt.size === 0) return { ok: false, status: 400, errors: { receipt: "disbursements.errors.receiptRequired" } };
  if (payment.receipt.size > MAX_RECEIPT_BYTES) return { ok: false, status: 400, errors: { receipt: "errors.fileTooLarge" } };
  const cleaned = await cleanUpload(new Uint8Array(await payment.receipt.arrayBuffer()), actor.user.id);
  if (!cleaned.ok) return cleaned.tooMany ? tooManyUploads("receipt") : { ok: false, status: 400, errors: { receipt: "errors.fileType" } };
  const key = await putFile(cleaned.bytes, cleaned.extension);
  let kept = false;
  try {
    const result = await run(async (tx) => {
      const { row } = await lockDisbursement(tx, id);
      const settled = payable(row, "cash", () => true);
      if (settled) return { id, status: settled };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(payment.paidOn)) return refuse(400, { paidOn: "errors.dateInvalid" });
      await move(
        tx,
        row,
        "paid",
        actor,
        { paidOn: payment.paidOn, receipt: { mime: cleaned.mime, size: cleaned.bytes.byteLength } },
        { paidOn: payment.paidOn, paidAt: new Date(), receiptStorageKey: key },
      );
      await tellGroupOfPayment(tx, id);
      await settlePaidOfGrant(tx, row.grantId);
      kept = true;
      return { id, status: "paid" as const };
    });
    return result;
  } finally {
    if (!kept) await deleteFile(key);
  }
}
