import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";
import { stripeErrorOutcome } from "./stripe.server";

// Stripe's settings are checked at start like every other; a failed call is read as "refused"
// (nothing happened) only when Stripe said so definitely.

const base = { SESSION_SECRET: "x".repeat(32), DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") };

describe("Stripe settings", () => {
  it("reads the keys, the fake's address, the time-out and the retries", () => {
    const env = parseEnv({
      ...base,
      STRIPE_SECRET_KEY: "sk_test_abc123",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: "12111",
      STRIPE_API_PROTOCOL: "http",
      STRIPE_TIMEOUT_MS: "2500",
      STRIPE_MAX_NETWORK_RETRIES: "0",
    });
    expect(env).toMatchObject({ STRIPE_API_PORT: 12111, STRIPE_TIMEOUT_MS: 2500, STRIPE_MAX_NETWORK_RETRIES: 0, STRIPE_API_PROTOCOL: "http" });
    const defaults = parseEnv(base);
    expect(defaults.STRIPE_SECRET_KEY).toBeUndefined();
    expect(defaults).toMatchObject({ STRIPE_TIMEOUT_MS: 10_000, STRIPE_MAX_NETWORK_RETRIES: 2 });
  });

  it("refuses to start with a malformed one, naming it", () => {
    for (const [name, value] of [
      ["STRIPE_SECRET_KEY", "pk_test_public"],
      ["STRIPE_WEBHOOK_SECRET", "secret"],
      ["STRIPE_API_PROTOCOL", "ftp"],
      ["STRIPE_API_PORT", "99999"],
      ["STRIPE_API_HOST", "http://127.0.0.1"],
      ["STRIPE_MAX_NETWORK_RETRIES", "9"],
      ["STRIPE_TIMEOUT_MS", "10"],
    ]) {
      expect(() => parseEnv({ ...base, [name]: value }), name).toThrow(EnvError);
      expect(() => parseEnv({ ...base, [name]: value }), name).toThrow(name);
    }
  });
});

describe("what a failed Stripe call means", () => {
  type Raw = Parameters<typeof Stripe.errors.StripeError.generate>[0];
  const error = (statusCode: number, type: string, code?: string) =>
    Stripe.errors.StripeError.generate({ statusCode, type: type as Raw["type"], code, message: `${statusCode}` });

  it("a definite refusal: invalid request, card, authentication, permission", () => {
    for (const e of [error(400, "invalid_request_error"), error(404, "invalid_request_error"), error(402, "card_error"), error(401, "invalid_request_error"), error(403, "invalid_request_error")]) {
      expect(stripeErrorOutcome(e).kind, e.message).toBe("refused");
    }
  });

  it("unknown: 5xx, 409, 429, an idempotency error, a connection error, anything else", () => {
    for (const e of [
      error(500, "api_error"),
      error(503, "api_error"),
      error(409, "invalid_request_error"),
      error(429, "invalid_request_error", "rate_limit"),
      error(400, "invalid_request_error", "rate_limit"),
      error(400, "idempotency_error"),
      new Stripe.errors.StripeConnectionError({ message: "timed out" }),
      new Error("socket hang up"),
    ]) {
      expect(stripeErrorOutcome(e).kind, e.message).toBe("unknown");
    }
  });
});
