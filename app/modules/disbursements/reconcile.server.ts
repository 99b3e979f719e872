import { and, asc, count, eq, lt } from "drizzle-orm";
import { disbursements } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { logger } from "../../infra/logger.server";
import { stripeClient, stripeConfigured, stripeErrorOutcome, type Stripe } from "../../infra/stripe.server";
import type { Actor } from "../../kernel/actor";
import { applyStripeNews, transferFacts, type Messenger } from "./stripe-settle.server";

// Reconciliation (issue #5): Stripe disbursements left in "processing" — the process died between
// Stripe's answer and our commit, or Stripe did not answer clearly — are settled by LOOKING the
// transfer up at Stripe, never by paying.
//
// Why a lookup rather than calling transfers.create again with the same idempotency key: a replay
// is only safe while Stripe remembers the key, and Stripe forgets keys after 24 hours; past that,
// the same call would pay a second time. Listing the grant's transfer group and matching our
// metadata.disbursement_id works at any age, moves no money, and gives the same answer however
// often it runs. A transfer found → paid (or reversed, if Stripe has since reversed it); none
// found → failed, nothing was paid, and finance may prepare the tranche again.
//
// The grace period keeps reconciliation away from a payment still in flight: the Stripe client
// gives up after STRIPE_TIMEOUT_MS × (1 + STRIPE_MAX_NETWORK_RETRIES) plus back-off, well within it.

export const RECONCILE_GRACE_MS = 2 * 60 * 1000;

export interface ReconcileReport {
  checked: number;
  paid: number;
  reversed: number;
  failed: number;
  /** Stripe could not be asked (network, rate limit): tried again next time. */
  unresolved: number;
}

/** The transfer made for a disbursement, if Stripe has one, found among its grant's transfers. */
async function findTransfer(stripe: Stripe, grantId: string, disbursementId: string): Promise<Stripe.Transfer | null> {
  for await (const transfer of stripe.transfers.list({ transfer_group: grantId, limit: 100 })) {
    if (transfer.metadata?.disbursement_id === disbursementId) return transfer;
  }
  return null;
}

export async function reconcileStripe(options: { graceMs?: number; actor?: Actor; limit?: number } = {}): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, paid: 0, reversed: 0, failed: 0, unresolved: 0 };
  if (!stripeConfigured()) return report;
  const before = new Date(Date.now() - (options.graceMs ?? RECONCILE_GRACE_MS));
  const stuck = await db
    .select({ id: disbursements.id, grantId: disbursements.grantId })
    .from(disbursements)
    .where(and(eq(disbursements.method, "stripe"), eq(disbursements.status, "processing"), lt(disbursements.updatedAt, before)))
    .orderBy(asc(disbursements.updatedAt))
    .limit(options.limit ?? 500);
  const stripe = stripeClient();
  const by: Messenger = { actor: options.actor ?? "system", source: "reconciliation" };
  for (const d of stuck) {
    report.checked++;
    let transfer: Stripe.Transfer | null;
    try {
      transfer = await findTransfer(stripe, d.grantId, d.id);
    } catch (error) {
      report.unresolved++;
      logger.warn("stripe reconciliation could not look up a transfer", { disbursementId: d.id, error: stripeErrorOutcome(error).message });
      continue;
    }
    // The lookup ran outside any lock; applyStripeNews locks the row and acts only if it is still
    // processing, so a webhook that settled it meanwhile wins and nothing is applied twice.
    const status = await db.transaction((tx) =>
      applyStripeNews(
        tx,
        d.id,
        transfer
          ? { kind: "transfer", transfer: transferFacts(transfer) }
          : { kind: "nothing_paid", message: "payments.failure.notAtStripe" },
        by,
      ),
    );
    if (status === "paid") report.paid++;
    else if (status === "reversed") report.reversed++;
    else if (status === "failed") report.failed++;
    else report.unresolved++;
  }
  return report;
}

/** How many Stripe payments wait for Stripe's word: what the finance page shows beside the button. */
export async function processingCount(): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(disbursements)
    .where(and(eq(disbursements.method, "stripe"), eq(disbursements.status, "processing")));
  return row?.n ?? 0;
}
