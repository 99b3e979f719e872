import { and, eq, ne, sql } from "drizzle-orm";
import { disbursements, moneyReturns } from "../../../db/schema";
import { withAmount } from "../../forms/with-amount";
import { formatMoney } from "../../i18n/format";
import { db, type DbOrTx } from "../../infra/db.server";
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
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";
import { groupPeople } from "../groups/audiences.server";
import { groupGrantLink } from "./notices.server";
import { MAX_RECEIPT_BYTES } from "./disbursements.schema";
import { lockGrant } from "./disbursements.server";
import { settlePaidOfGrant } from "./grant-completion.server";
import { financeGrantLink } from "../grants/notices.server";
import type { RecordReturnInput } from "./returns.schema";
import { moneyReturnMachine, type MoneyReturnStatus } from "./returns-machine";

// Money coming back (issue 14, item 3): a bounced transfer, cash handed back, unspent money
// refunded. Recorded by one finance user with its proof, approved by another; only then does it
// count (net paid = paid − returned, and a bounced tranche is due again). Every command locks the
// grant's row first, as the disbursement commands and the database triggers do; the triggers
// (money_returns_within_paid, disbursements_within_award) stay the last word.

export type ReturnResult = CommandResult<{ id: string; status: MoneyReturnStatus }>;

const rules: RunOptions = {
  constraints: {
    money_returns_within_paid: { ok: false, status: 400, errors: { amount: "finance.returns.errors.overPaidNow" } },
    money_returns_two_people: { ok: false, status: 403, errors: { "": "finance.returns.errors.ownReturn" } },
  },
};

const run = (work: (tx: DbOrTx) => Promise<{ id: string; status: MoneyReturnStatus }>): Promise<ReturnResult> => runCommand(work, rules);

const notFound = () => refuse(404, { "": "finance.returns.errors.notFound" });

function requireAllowed(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.user.roles, permission)) refuse(403, { "": "disbursements.errors.notAllowed" });
}

/** Returns not withdrawn (prepared or approved), of the grant or of one disbursement: what may not exceed what was paid. */
async function returnedSoFar(tx: DbOrTx, where: { grantId: string } | { disbursementId: string }): Promise<bigint> {
  const [row] = await tx
    .select({ sum: sql<string>`coalesce(sum(${moneyReturns.amount}), 0)::text` })
    .from(moneyReturns)
    .where(
      and(
        "grantId" in where ? eq(moneyReturns.grantId, where.grantId) : eq(moneyReturns.disbursementId, where.disbursementId),
        ne(moneyReturns.status, "cancelled"),
      ),
    );
  return BigInt(row?.sum ?? "0");
}

async function paidOf(tx: DbOrTx, grantId: string): Promise<bigint> {
  const [row] = await tx
    .select({ sum: sql<string>`coalesce(sum(${disbursements.amount}), 0)::text` })
    .from(disbursements)
    .where(and(eq(disbursements.grantId, grantId), eq(disbursements.status, "paid")));
  return BigInt(row?.sum ?? "0");
}

/**
 * Records money that came back, with its proof (the bank's notice of a bounce, a signed receipt
 * for cash). The proof is judged by its bytes and stored before the transaction, and removed
 * again if nothing is recorded. At most what was paid (of the disbursement named, and of the
 * grant) less what is already coming back.
 */
export async function recordReturn(grantId: string, input: RecordReturnInput, proof: File | null, actor: Actor): Promise<ReturnResult> {
  if (!hasPermission(actor.user.roles, "prepare:disbursement")) return { ok: false, status: 403, errors: { "": "disbursements.errors.notAllowed" } };
  if (!isUuid(grantId)) return { ok: false, status: 404, errors: { "": "finance.returns.errors.notFound" } };
  if (!proof || proof.size === 0) return { ok: false, status: 400, errors: { proof: "finance.returns.errors.proofRequired" } };
  if (proof.size > MAX_RECEIPT_BYTES) return { ok: false, status: 400, errors: { proof: "errors.fileTooLarge" } };
  const cleaned = await cleanUpload(new Uint8Array(await proof.arrayBuffer()), actor.user.id);
  if (!cleaned.ok) return cleaned.tooMany ? tooManyUploads("proof") : { ok: false, status: 400, errors: { proof: "errors.fileType" } };
  const key = await putFile(cleaned.bytes, cleaned.extension);
  let kept = false;
  try {
    return await run(async (tx) => {
      const grant = await lockGrant(tx, grantId);
      if (!grant) return notFound();
      const locale = actor.user.locale;
      let disbursementId: string | null = null;
      if (input.kind !== "refund") {
        const [paid] = await tx
          .select({ id: disbursements.id, amount: disbursements.amount, status: disbursements.status })
          .from(disbursements)
          .where(and(eq(disbursements.id, input.disbursementId), eq(disbursements.grantId, grantId)));
        if (!paid) return refuse(400, { disbursementId: "finance.returns.errors.chooseDisbursement" });
        if (paid.status !== "paid") return refuse(409, { disbursementId: "finance.returns.errors.notPaid" });
        const left = paid.amount - (await returnedSoFar(tx, { disbursementId: paid.id }));
        if (input.amount > left) return refuse(400, { amount: withAmount("finance.returns.errors.overPaid", "left", left, locale) });
        disbursementId = paid.id;
      }
      const leftOfGrant = (await paidOf(tx, grantId)) - (await returnedSoFar(tx, { grantId }));
      if (input.amount > leftOfGrant) return refuse(400, { amount: withAmount("finance.returns.errors.overPaid", "left", leftOfGrant < 0n ? 0n : leftOfGrant, locale) });
      const [row] = await tx
        .insert(moneyReturns)
        .values({
          grantId,
          disbursementId,
          kind: input.kind,
          amount: input.amount,
          method: input.method,
          receivedOn: input.receivedOn,
          reference: input.reference,
          note: input.note,
          proofStorageKey: key,
          preparedBy: actor.user.id,
        })
        .returning({ id: moneyReturns.id });
      // A new return has no "from" in the transition table: its first audit row is written here.
      await writeAudit(tx, {
        actorId: actor.user.id,
        action: "money_return.prepared",
        entityType: "money_return",
        entityId: row.id,
        ip: actor.ip,
        data: { to: "prepared", grantId, disbursementId, kind: input.kind, amount: input.amount.toString(), method: input.method, receivedOn: input.receivedOn, reference: input.reference },
      });
      // Another finance user approves it.
      await tell(tx, {
        to: roleHolders("finance"),
        except: actor.user.id,
        inApp: {
          messageKey: "finance.returns.notice.toApprove",
          params: (person) => ({ amount: formatMoney(input.amount, person.locale) }),
          link: financeGrantLink(grantId),
        },
      });
      kept = true;
      return { id: row.id, status: "prepared" as const };
    });
  } finally {
    if (!kept) await deleteFile(key);
  }
}

/** Locks a return after its grant (the grant id never changes, so reading it unlocked first is safe). */
async function lockReturn(tx: DbOrTx, id: string) {
  if (!isUuid(id)) return notFound();
  const [first] = await tx.select({ grantId: moneyReturns.grantId }).from(moneyReturns).where(eq(moneyReturns.id, id));
  if (!first) return notFound();
  const grant = await lockGrant(tx, first.grantId);
  const [row] = await tx.select().from(moneyReturns).where(eq(moneyReturns.id, id)).for("update");
  return row && grant ? { ...row, groupId: grant.groupId } : notFound();
}

/** The second person's approval: from now on the money counts as back, and the grant's status follows its net money. */
export async function approveReturn(id: string, actor: Actor): Promise<ReturnResult> {
  return run(async (tx) => {
    requireAllowed(actor, "approve:disbursement");
    const row = await lockReturn(tx, id);
    if (row.preparedBy === actor.user.id) return refuse(403, { "": "finance.returns.errors.ownReturn" });
    if (row.status === "approved" && row.approvedBy === actor.user.id) return { id, status: row.status };
    if (row.status !== "prepared") return refuse(409, { "": "finance.returns.errors.notPrepared" });
    await applyTransition(tx, moneyReturnMachine, {
      table: moneyReturns,
      id,
      to: "approved",
      actor,
      as: partiesOf(actor.user),
      set: { approvedBy: actor.user.id, approvedAt: new Date() },
      data: { amount: row.amount.toString() },
    });
    await settlePaidOfGrant(tx, row.grantId);
    // The group reads that the money came back (a bounced transfer: its bank details may be wrong).
    await tell(tx, {
      to: groupPeople(row.groupId),
      inApp: {
        messageKey: `finance.returns.notice.group.${row.kind}`,
        params: (person) => ({ amount: formatMoney(row.amount, person.locale) }),
        link: groupGrantLink(row.grantId),
      },
    });
    return { id, status: "approved" as const };
  });
}

/** Withdraws a return recorded by mistake, before its approval. */
export async function cancelReturn(id: string, reason: string, actor: Actor): Promise<ReturnResult> {
  return run(async (tx) => {
    requireAllowed(actor, "prepare:disbursement");
    const row = await lockReturn(tx, id);
    if (row.status === "cancelled") return { id, status: row.status };
    if (row.status !== "prepared") return refuse(409, { "": "finance.returns.errors.notPrepared" });
    await applyTransition(tx, moneyReturnMachine, { table: moneyReturns, id, to: "cancelled", actor, as: partiesOf(actor.user), data: { reason } });
    return { id, status: "cancelled" as const };
  });
}

/** A grant's money returns, newest last, for its ledger. */
export async function returnsOfGrant(grantId: string) {
  if (!isUuid(grantId)) return [];
  return db.select().from(moneyReturns).where(eq(moneyReturns.grantId, grantId)).orderBy(moneyReturns.preparedAt, moneyReturns.id);
}
