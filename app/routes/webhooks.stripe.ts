import type { ActionFunctionArgs } from "@remix-run/node";
import { payloadTooLarge, readText, TOO_LARGE } from "../infra/body.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { receiveStripeWebhook } from "../modules/disbursements/stripe-webhooks.server";

// Stripe calls this; it proves itself by the signature on the body, not by a session.
export const handle: RouteHandle = { access: "public" };

// Stripe's events are a few kilobytes; anything much larger is not from Stripe.
const MAX_BODY_BYTES = 512 * 1024;

const notAllowed = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

// Without a loader Remix answers a GET with a 400 and an error in the log.
export function loader() {
  return notAllowed();
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return notAllowed();
  // The signature covers the exact bytes Stripe sent: read them raw, never parsed and re-serialised,
  // and never more of them than the limit.
  const body = await readText(request, MAX_BODY_BYTES);
  if (body === TOO_LARGE) return payloadTooLarge();
  const answer = await receiveStripeWebhook(body, request.headers.get("Stripe-Signature"));
  return new Response(answer.message, { status: answer.status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
