import { createHash } from "node:crypto";
import { sameSecret } from "./crypto.server";
import { getEnv } from "./env.server";
import { PhoneSendError } from "./sms.server";

// Zalo Notification Service (ZNS): a message is one of the Official Account's templates, approved
// by Zalo in advance, with its parameters filled in, sent to a phone number as 84xxxxxxxxx.
// Zalo publishes no maintained Node SDK for ZNS; this is its documented call, made with fetch:
// POST {ZALO_API_URL}/message/template, the OA's access token in the `access_token` header.

export interface ZaloToSend {
  /** Our message id, sent as ZNS's tracking_id and echoed in its delivery events. */
  id: string;
  phone: string;
  /** Our name of the template (e.g. "money-sent"); ZALO_TEMPLATES maps it to Zalo's id. */
  template: string;
  params: Record<string, string>;
}

function templateIds(): Map<string, string> {
  const pairs = (getEnv().ZALO_TEMPLATES ?? "").split(",").filter(Boolean);
  return new Map(pairs.map((pair) => pair.split("=") as [string, string]));
}

export function zaloConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.ZALO_ACCESS_TOKEN && env.ZALO_TEMPLATES);
}

/** Whether Zalo has an approved template for this notice; without one it goes by SMS. */
export function zaloHasTemplate(template: string): boolean {
  return zaloConfigured() && templateIds().has(template);
}

/** ZNS error codes that mean "never by Zalo to this person": not a Zalo user, refused, template. */
const REFUSED = new Set([-108, -118, -119, -124, -131, -133, -137, -139, -141]);

export async function sendZalo(message: ZaloToSend): Promise<{ providerRef: string }> {
  const env = getEnv();
  const templateId = templateIds().get(message.template);
  if (!templateId) throw new PhoneSendError(`no ZNS template for ${message.template}`, "refused");
  let response: Response;
  try {
    response = await fetch(`${env.ZALO_API_URL}/message/template`, {
      method: "POST",
      headers: { "Content-Type": "application/json", access_token: env.ZALO_ACCESS_TOKEN ?? "" },
      body: JSON.stringify({
        phone: message.phone,
        template_id: templateId,
        template_data: message.params,
        tracking_id: message.id,
      }),
      signal: AbortSignal.timeout(env.PHONE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PhoneSendError(`Zalo did not answer: ${error instanceof Error ? error.message : String(error)}`, "retry", true);
  }
  if (response.status === 429 || response.status >= 500) throw new PhoneSendError(`Zalo answered ${response.status}`, "retry");
  const body = (await response.json().catch(() => ({}))) as { error?: number; message?: string; data?: { msg_id?: string } };
  if (body.error === 0 && body.data?.msg_id) return { providerRef: body.data.msg_id };
  const message_ = `Zalo error ${body.error ?? response.status}: ${body.message ?? "no message"}`;
  throw new PhoneSendError(message_, body.error !== undefined && REFUSED.has(body.error) ? "refused" : "retry");
}

/**
 * Zalo signs each event it sends to the OA's webhook: the header `X-ZEvent-Signature` is
 * "mac=" + SHA-256 of app id + the raw body + the event's timestamp + the OA's secret key.
 */
export function zaloEventSignature(rawBody: string, timestamp: string): string | null {
  const env = getEnv();
  if (!env.ZALO_APP_ID || !env.ZALO_OA_SECRET) return null;
  return `mac=${createHash("sha256").update(`${env.ZALO_APP_ID}${rawBody}${timestamp}${env.ZALO_OA_SECRET}`).digest("hex")}`;
}

export function zaloEventValid(rawBody: string, timestamp: string, signature: string): boolean {
  const expected = zaloEventSignature(rawBody, timestamp);
  return expected !== null && sameSecret(expected, signature);
}
