import type { ActionFunctionArgs } from "@remix-run/node";
import { answerWebhook, webhookMethodNotAllowed } from "../infra/webhook.server";
import { isUuid } from "../kernel/ids";
import type { RouteHandle } from "../modules/auth/permissions";
import { receiveZaloEvent } from "../modules/notifications/webhooks.server";

// Zalo calls this (the Official Account's webhook) with delivery events, signed with the OA's secret.
export const handle: RouteHandle = { access: "public" };

// An event is a few hundred bytes.
const MAX_BODY_BYTES = 64 * 1024;

export const loader = webhookMethodNotAllowed;

export function action({ request }: ActionFunctionArgs) {
  return answerWebhook(request, MAX_BODY_BYTES, (body) => receiveZaloEvent(body, request.headers.get("X-ZEvent-Signature"), isUuid));
}
