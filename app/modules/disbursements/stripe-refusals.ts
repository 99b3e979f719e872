// Why Stripe refused a transfer, in the reader's language. Stripe's messages are English and
// written for developers; its error codes and the parameter it blames are stable
// (https://docs.stripe.com/error-codes), so they choose a message from our catalogue.

const byCode: Record<string, string> = {
  balance_insufficient: "payments.stripe.balanceInsufficient",
  insufficient_funds: "payments.stripe.balanceInsufficient",
  account_invalid: "payments.stripe.destination",
  transfers_not_allowed: "payments.stripe.destination",
  amount_too_small: "payments.stripe.amount",
  amount_too_large: "payments.stripe.amount",
};

const byParam: Record<string, string> = {
  destination: "payments.stripe.destination",
  amount: "payments.stripe.amount",
  currency: "payments.stripe.amount",
};

/** A catalogue message (shown with `t.dynamic`) for a definite refusal by Stripe; nothing was paid. */
export function stripeRefusalMessage(refusal: { code?: string; param?: string }): string {
  const known = (refusal.code && byCode[refusal.code]) || (refusal.param && byParam[refusal.param]);
  if (known) return known;
  return refusal.code ? `payments.stripe.other?${new URLSearchParams({ code: refusal.code })}` : "payments.stripe.other?code=—";
}
