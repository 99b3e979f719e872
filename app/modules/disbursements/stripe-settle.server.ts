import { eq } from "drizzle-orm";
import { disbursements, grants } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Stripe } from "../../infra/stripe.server";
import type { Actor } from "../../kernel/actor";
import { isUuid } from "../../kernel/ids";
import { applyTransition } from "../../kernel/transition.server";
import { writeAudit } from "../audit/audit.server";
import { settlePaidOfGrant } from "./grant-completion.server";
import { tellGroupOfPayment } from "./notices.server";
import { disbursementMachine, type DisbursementStatus } from "./machine";

// One place decides what Stripe's news does to a disbursement, whoever brings it: the answer to
// our own call, a webhook, or reconciliation. News arrives twice and out of order (a reversal
// before the creation it reverses), so only forward moves are made —
// processing → paid → reversed, processing → failed — and a later, older piece of news finds the
// row already past it and changes nothing. The same events in any order end in the same state.

/** What Stripe says about one disbursement's transfer. */
export type StripeNews =
  /** The transfer exists (our call's answer, transfer.created/updated/reversed, a lookup). */
  | { kind: "transfer"; transfer: TransferFacts }
  /** Stripe refused the call definitely, or reconciliation found no transfer: nothing was paid. */
  | { kind: "nothing_paid"; message: string };

export interface TransferFacts {
  id: string;
  amount: number;
  amountReversed: number;
  currency: string;
  reversed: boolean;
  /** Seconds since the epoch, as Stripe gives it. */
  created: number;
}

export function transferFacts(transfer: Stripe.Transfer): TransferFacts {
  return {
    id: transfer.id,
    amount: transfer.amount,
    amountReversed: transfer.amount_reversed ?? 0,
    currency: transfer.currency,
    reversed: Boolean(transfer.reversed),
    created: transfer.created,
  };
}

/** Who brings the news, for the audit log. The change itself is always the system's. */
export interface Messenger {
  /** The finance user whose click brought it; "system" for webhooks and scheduled reconciliation. */
  actor: Actor | "system";
  source: "payment" | "webhook" | "reconciliation";
  eventId?: string;
}

/**
 * The disbursement's row, locked in the order every writer uses (grant first, as the award
 * trigger does, then the disbursement), so a payment, a webhook and a finance command never
 * deadlock each other.
 */
export async function lockStripeDisbursement(tx: DbOrTx, disbursementId: string) {
  if (!isUuid(disbursementId)) return null;
  const [first] = await tx.select({ grantId: disbursements.grantId }).from(disbursements).where(eq(disbursements.id, disbursementId));
  if (!first) return null;
  await tx.select({ id: grants.id }).from(grants).where(eq(grants.id, first.grantId)).for("no key update");
  const [row] = await tx.select().from(disbursements).where(eq(disbursements.id, disbursementId)).for("update");
  return row ?? null;
}

/** The date in Viet Nam of a moment, as yyyy-mm-dd. */
function vietnamDate(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/**
 * Applies Stripe's news to the disbursement, in the caller's transaction. Returns the status
 * afterwards, or null when the disbursement does not exist or is not a Stripe one.
 */
export async function applyStripeNews(tx: DbOrTx, disbursementId: string, news: StripeNews, by: Messenger): Promise<DisbursementStatus | null> {
  const row = await lockStripeDisbursement(tx, disbursementId);
  if (!row || row.method !== "stripe") return null;
  const person = by.actor === "system" ? null : by.actor;
  const context = { source: by.source, ...(by.eventId ? { eventId: by.eventId } : {}) };
  let status = row.status as DisbursementStatus;

  const move = async (to: DisbursementStatus, data: Record<string, unknown>, set: Partial<typeof disbursements.$inferInsert>) => {
    await applyTransition(tx, disbursementMachine, {
      table: disbursements,
      id: row.id,
      to,
      actor: by.actor,
      as: ["system"],
      set: { ...set, updatedAt: new Date() },
      data: { ...context, ...data },
    });
    status = to;
  };
  // Something finance must look into, without a change of status.
  const flag = async (action: string, message: string, data: Record<string, unknown>) => {
    if (row.failureMessage === message) return;
    await writeAudit(tx, { actorId: person?.user.id ?? null, action, entityType: "disbursement", entityId: row.id, ip: person?.ip, data: { ...context, ...data } });
    await tx.update(disbursements).set({ failureMessage: message, updatedAt: new Date() }).where(eq(disbursements.id, row.id));
  };

  if (news.kind === "nothing_paid") {
    if (status === "processing") await move("failed", { message: news.message }, { failureMessage: news.message.slice(0, 1000) });
    return status;
  }

  const transfer = news.transfer;
  if (row.stripeTransferId && row.stripeTransferId !== transfer.id) {
    await flag("disbursement.stripe_other_transfer", `payments.failure.otherTransfer?transfer=${transfer.id}`, { transferId: transfer.id });
    return status;
  }
  // VND is zero-decimal: Stripe's amount is in đồng, like ours.
  if (BigInt(transfer.amount) !== row.amount || transfer.currency.toLowerCase() !== "vnd") {
    await flag("disbursement.stripe_mismatch", `payments.failure.mismatch?transfer=${transfer.id}`, {
      transferId: transfer.id,
      amount: transfer.amount,
      currency: transfer.currency,
    });
    return status;
  }
  if (status !== "processing" && status !== "paid" && status !== "reversed") {
    // Stripe says money left for a disbursement we had closed (or never sent): never reopened
    // or moved by itself (its amount may already be prepared again), but shown to finance at once.
    await flag("disbursement.stripe_transfer_after_failure", `payments.failure.transferAfterFailure?transfer=${transfer.id}`, { transferId: transfer.id });
    return status;
  }

  if (status === "processing") {
    const paidAt = new Date(transfer.created * 1000);
    await move("paid", { transferId: transfer.id }, { stripeTransferId: transfer.id, paidAt, paidOn: vietnamDate(paidAt), failureMessage: null });
  }
  const fullyReversed = transfer.reversed || transfer.amountReversed >= transfer.amount;
  if (status === "paid" && fullyReversed) {
    await move("reversed", { transferId: transfer.id }, { failureMessage: `payments.failure.reversed?transfer=${transfer.id}` });
  } else if (status === "paid" && transfer.amountReversed > 0) {
    await flag("disbursement.stripe_partly_reversed", `payments.failure.partlyReversed?transfer=${transfer.id}&reversed=${transfer.amountReversed}`, {
      transferId: transfer.id,
      amountReversed: transfer.amountReversed,
    });
  }
  // The group hears of money that arrived and stayed; not of a transfer already taken back.
  if (row.status === "processing" && status === "paid") await tellGroupOfPayment(tx, row.id);
  // A payment may settle the grant's money at close-out; a reversal after it opens the grant again.
  if (row.status !== status) await settlePaidOfGrant(tx, row.grantId);
  return status;
}
