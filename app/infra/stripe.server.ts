// Placeholder owned by the Stripe work: configuration, client and fake-server wiring go here.
import { getEnv } from "./env.server";

/** Whether Stripe keys are configured; without them the Stripe method is hidden. */
export function stripeConfigured(): boolean {
  const env = getEnv() as { STRIPE_SECRET_KEY?: string };
  return Boolean(env.STRIPE_SECRET_KEY);
}
