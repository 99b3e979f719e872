import type { ActionFunctionArgs } from "@remix-run/node";
import { payloadTooLarge, readText, TOO_LARGE } from "../infra/body.server";
import { isUuid } from "../kernel/ids";
import type { RouteHandle } from "../modules/auth/permissions";
import { receiveSmsReceipt } from "../modules/notifications/webhooks.server";

// eSMS calls this with delivery receipts; it proves itself by a signature, not by a session.
export const handle: RouteHandle = { access: "public" };

// A receipt is a few hundred bytes.
const MAX_BODY_BYTES = 64 * 1024;

const notAllowed = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

export function loader() {
  return notAllowed();
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return notAllowed();
  const body = await readText(request, MAX_BODY_BYTES);
  if (body === TOO_LARGE) return payloadTooLarge();
  const answer = await receiveSmsReceipt(new URL(request.url), body, isUuid);
  return new Response(answer.message, { status: answer.status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
