import type { ActionFunctionArgs } from "@remix-run/node";
import { answerWebhook, webhookMethodNotAllowed } from "../infra/webhook.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { receiveStripeWebhook } from "../modules/disbursements/stripe-webhooks.server";

// Stripe calls this; it proves itself by the signature on the body, not by a session.
export const handle: RouteHandle = { access: "public" };

// Stripe's events are a few kilobytes; anything much larger is not from Stripe.
const MAX_BODY_BYTES = 512 * 1024;

export const loader = webhookMethodNotAllowed;

export function action({ request }: ActionFunctionArgs) {
  return answerWebhook(request, MAX_BODY_BYTES, (body) => receiveStripeWebhook(body, request.headers.get("Stripe-Signature")));
}
