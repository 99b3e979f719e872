import { isStopped } from "./due.server";
import { eq } from "drizzle-orm";
import { disbursements, grants, groups } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { logger } from "../../infra/logger.server";
import { stripeClient, stripeConfigured, stripeErrorOutcome } from "../../infra/stripe.server";
import type { Actor } from "../../kernel/actor";
import type { Refused } from "../../kernel/result";
import { partiesOf } from "../../kernel/machine";
import { applyTransition } from "../../kernel/transition.server";
import { hasPermission } from "../auth/permissions";
import type { PayResult } from "./pay-result";
import { applyStripeNews, lockStripeDisbursement, transferFacts } from "./stripe-settle.server";
import { stripeRefusalMessage } from "./stripe-refusals";
import { disbursementMachine } from "./machine";

// Paying an approved disbursement through Stripe (SPEC.md step 8; DECISIONS.md "Stripe payments").
//
// 1. One transaction locks the row, checks it is approved, saves its idempotency key and moves it
//    to "processing". Fifty clicks at once: the lock serves them one by one and only the first
//    finds it approved; the others are told it is already being paid.
// 2. Stripe is called outside any transaction (a slow network never holds a lock), with the
//    saved key: the library's retries, and any later retry, reach Stripe with the same key and
//    Stripe replays the first result instead of moving money again.
// 3. A second transaction records Stripe's answer. If the process dies before it commits, the
//    row stays "processing" until a webhook or reconciliation (reconcile.server.ts) settles it.

/** The idempotency key of a disbursement's transfer: derived from its id, so it can never differ. */
export function stripeIdempotencyKey(disbursementId: string): string {
  return `disbursement-${disbursementId}`;
}

/** What is sent to Stripe: ids only, never names or phone numbers. */
export function transferParams(d: { id: string; grantId: string; trancheId: string; amount: bigint; destination: string }) {
  return {
    // VND is a zero-decimal currency: 5,000,000 ₫ is amount 5000000.
    amount: Number(d.amount),
    currency: "vnd",
    destination: d.destination,
    transfer_group: d.grantId,
    metadata: { disbursement_id: d.id, grant_id: d.grantId, tranche_id: d.trancheId },
  };
}

const refused = (status: Refused["status"], key: string): Refused => ({ ok: false, status, errors: { "": key } });

export async function payByStripe(disbursementId: string, actor: Actor): Promise<PayResult> {
  if (!hasPermission(actor.user.roles, "pay:disbursement")) return refused(409, "payments.errors.notAllowed");
  if (!stripeConfigured()) return refused(409, "payments.errors.notConfigured");

  const started = await db.transaction(async (tx) => {
    const row = await lockStripeDisbursement(tx, disbursementId);
    if (!row) return refused(404, "payments.errors.notFound");
    if (row.method !== "stripe") return refused(409, "payments.errors.notStripe");
    if (row.status === "processing") return refused(409, "payments.errors.alreadyProcessing");
    if (row.status === "paid") return refused(409, "payments.errors.alreadyPaid");
    if (row.status !== "approved") return refused(409, "payments.errors.notApproved");
    const [group] = await tx
      .select({ stripeAccountId: groups.stripeAccountId, grantStatus: grants.status })
      .from(grants)
      .innerJoin(groups, eq(groups.id, grants.groupId))
      .where(eq(grants.id, row.grantId));
    // Suspended or terminated since it was approved: the database would refuse it too.
    if (group && isStopped(group.grantStatus)) return refused(409, "finance.errors.grantStopped");
    if (!group?.stripeAccountId) return refused(409, "payments.errors.noAccount");
    if (!Number.isSafeInteger(Number(row.amount)) || BigInt(Number(row.amount)) !== row.amount) {
      return refused(409, "payments.errors.amountTooLarge");
    }
    const idempotencyKey = row.idempotencyKey ?? stripeIdempotencyKey(row.id);
    await applyTransition(tx, disbursementMachine, {
      table: disbursements,
      id: row.id,
      to: "processing",
      actor,
      as: partiesOf(actor.user),
      set: { idempotencyKey, updatedAt: new Date() },
      data: { idempotencyKey, destination: group.stripeAccountId },
    });
    return {
      idempotencyKey,
      params: transferParams({ id: row.id, grantId: row.grantId, trancheId: row.trancheId, amount: row.amount, destination: group.stripeAccountId }),
    };
  });
  if ("ok" in started) return started;

  const by = { actor, source: "payment" as const };
  let news: Parameters<typeof applyStripeNews>[2];
  try {
    const transfer = await stripeClient().transfers.create(started.params, { idempotencyKey: started.idempotencyKey });
    news = { kind: "transfer", transfer: transferFacts(transfer) };
  } catch (error) {
    const outcome = stripeErrorOutcome(error);
    if (outcome.kind === "unknown") {
      // Perhaps paid, perhaps not: left "processing" for Stripe's webhook or reconciliation,
      // which look the transfer up; paying again from here could pay twice.
      logger.warn("stripe transfer outcome unknown", { disbursementId, error: outcome.message });
      // Stripe's webhook may have told us meanwhile.
      const [now] = await db.select({ status: disbursements.status }).from(disbursements).where(eq(disbursements.id, disbursementId));
      if (now && now.status !== "processing") return { ok: true, status: now.status };
      return refused(502, "payments.errors.outcomeUnknown");
    }
    // Stripe's own words are English and technical: the log keeps them, staff read ours.
    logger.warn("stripe refused a transfer", { disbursementId, error: outcome.message, code: outcome.code, param: outcome.param });
    news = { kind: "nothing_paid", message: stripeRefusalMessage(outcome) };
  }

  const status = await db.transaction((tx) => applyStripeNews(tx, disbursementId, news, by));
  if (news.kind === "nothing_paid") {
    return { ok: false, status: 502, errors: { "": news.message } };
  }
  return { ok: true, status: status ?? "processing" };
}
