import Stripe from "stripe";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

// The one door to Stripe. Tests and end-to-end runs point it at the local fake
// (app/testing/stripe-fake.ts) through STRIPE_API_HOST / _PORT / _PROTOCOL: our code is never
// mocked, only the network's other end is replaced.

/** Whether Stripe keys are configured; without them the Stripe method is hidden. */
export function stripeConfigured(): boolean {
  return Boolean(getEnv().STRIPE_SECRET_KEY);
}

/** The endpoint's signing secret, when webhooks are configured. */
export function stripeWebhookSecret(): string | undefined {
  return getEnv().STRIPE_WEBHOOK_SECRET;
}

/**
 * Stripe's answer to a webhook signature: how old a signed delivery may be. Stripe's libraries
 * default to 300 s and its documentation recommends keeping it: a delivery captured off the wire
 * cannot be replayed later than that.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The client, built once per configuration (tests change the configuration between files). */
export function stripeClient(): Stripe {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) throw new Error("Stripe is not configured: set STRIPE_SECRET_KEY");
  const config = {
    key: env.STRIPE_SECRET_KEY,
    host: env.STRIPE_API_HOST,
    port: env.STRIPE_API_PORT,
    protocol: env.STRIPE_API_PROTOCOL,
    timeout: env.STRIPE_TIMEOUT_MS,
    maxNetworkRetries: env.STRIPE_MAX_NETWORK_RETRIES,
  };
  const fingerprint = JSON.stringify(config);
  const holder = singleton("stripe", () => ({ fingerprint: "", client: undefined as Stripe | undefined }));
  if (!holder.client || holder.fingerprint !== fingerprint) {
    holder.client = new Stripe(config.key, {
      host: config.host,
      port: config.port,
      protocol: config.protocol,
      timeout: config.timeout,
      // The library retries connection errors, 409 and 5xx with exponential back-off, sending the
      // same Idempotency-Key each time: Stripe replays the first result instead of paying again.
      maxNetworkRetries: config.maxNetworkRetries,
      telemetry: false,
      appInfo: { name: "Gieo" },
    });
    holder.fingerprint = fingerprint;
  }
  return holder.client;
}

/**
 * What a failed Stripe call means for the money. "refused": Stripe answered definitely and did
 * nothing (a 4xx other than 409 and 429: invalid request, card, authentication, permission).
 * "unknown": the request may or may not have been carried out (connection error, time-out, 5xx,
 * 409 conflict, 429 rate limit, an idempotency error) — only looking at Stripe later tells.
 */
export function stripeErrorOutcome(error: unknown): { kind: "refused" | "unknown"; message: string; code?: string; param?: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Stripe.errors.StripeError) {
    const { code, param } = error;
    const definite =
      error instanceof Stripe.errors.StripeCardError ||
      error instanceof Stripe.errors.StripeInvalidRequestError ||
      error instanceof Stripe.errors.StripeAuthenticationError ||
      error instanceof Stripe.errors.StripePermissionError;
    // An idempotency error (a 400 too, its own class) says the key already did something else,
    // and a 400 "rate_limit" is a rate-limit error: both stay unknown.
    if (definite) return { kind: "refused", message, code, param };
  }
  return { kind: "unknown", message };
}

export type { Stripe };
