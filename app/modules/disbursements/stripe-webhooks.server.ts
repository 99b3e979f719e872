import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { disbursements, stripeEvents } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { logger } from "../../infra/logger.server";
import { stripeWebhookSecret, WEBHOOK_TOLERANCE_SECONDS } from "../../infra/stripe.server";
import { isUuid } from "../../kernel/ids";
import { applyStripeNews, transferFacts } from "./stripe-settle.server";

// Stripe's webhooks for our transfers (SPEC.md step 8: "its status following Stripe's webhooks").
// Stripe sends each event at least once, sometimes twice, in no promised order, and retries until
// it gets a 2xx. So: the signature is checked on the raw bytes before anything else; the event's
// id is recorded in the same transaction as its effect, so a repeat changes nothing; and when
// handling fails the transaction rolls back whole and Stripe is told 500, to send it again.

export type WebhookAnswer = { status: 200 | 400 | 500; message: string };

/** The transfer events that change a disbursement (https://docs.stripe.com/api/events/types). */
const transferEvents = new Set(["transfer.created", "transfer.updated", "transfer.reversed"]);

export async function receiveStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookAnswer> {
  const secret = stripeWebhookSecret();
  if (!secret) return { status: 400, message: "webhooks are not configured" };
  if (!signature) return { status: 400, message: "missing Stripe-Signature" };
  let event: Stripe.Event;
  try {
    // Static: checking a signature needs the endpoint's secret, not an API key.
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    return { status: 400, message: error instanceof Error ? error.message : "bad signature" };
  }

  try {
    return await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(stripeEvents)
        .values({ id: event.id, type: event.type })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      if (inserted.length === 0) return { status: 200 as const, message: "duplicate" };
      if (!transferEvents.has(event.type)) return { status: 200 as const, message: "ignored" };

      const transfer = event.data.object as Stripe.Transfer;
      let disbursementId = transfer.metadata?.disbursement_id;
      if (!disbursementId || !isUuid(disbursementId)) {
        const [byTransfer] = await tx.select({ id: disbursements.id }).from(disbursements).where(eq(disbursements.stripeTransferId, transfer.id));
        disbursementId = byTransfer?.id;
      }
      if (!disbursementId) return { status: 200 as const, message: "not ours" };
      const status = await applyStripeNews(
        tx,
        disbursementId,
        { kind: "transfer", transfer: transferFacts(transfer) },
        { actor: "system", source: "webhook", eventId: event.id },
      );
      return { status: 200 as const, message: status ?? "not ours" };
    });
  } catch (error) {
    logger.error("stripe webhook failed", { eventId: event.id, type: event.type, error: error instanceof Error ? error.message : String(error) });
    return { status: 500, message: "handling failed" };
  }
}
