import type { ActionFunctionArgs } from "@remix-run/node";
import { answerWebhook, webhookMethodNotAllowed } from "../infra/webhook.server";
import { isUuid } from "../kernel/ids";
import type { RouteHandle } from "../modules/auth/permissions";
import { receiveSmsReceipt } from "../modules/notifications/webhooks.server";

// eSMS calls this with delivery receipts; it proves itself by our signature in the address.
export const handle: RouteHandle = { access: "public" };

// A receipt is a few hundred bytes.
const MAX_BODY_BYTES = 64 * 1024;

export const loader = webhookMethodNotAllowed;

export function action({ request }: ActionFunctionArgs) {
  return answerWebhook(request, MAX_BODY_BYTES, (body) => receiveSmsReceipt(new URL(request.url), body, isUuid));
}
