import { keyedHash, sameSecret } from "./crypto.server";
import { getEnv } from "./env.server";

// SMS to Vietnamese numbers through eSMS.vn's REST API (DECISIONS.md 43). eSMS publishes no
// maintained Node SDK, so this is its documented JSON call, made with fetch:
// POST {ESMS_API_URL}/MainService.svc/json/SendMultipleMessage_V4_post_json/

/** Why a send did not go through, as the outbox needs to know it: try again later, or never. */
export class PhoneSendError extends Error {
  constructor(
    message: string,
    /** "retry": the provider was busy, down or silent; "refused": it will never take this message. */
    readonly kind: "retry" | "refused",
    /** True when the provider may have sent it anyway (no answer came back). */
    readonly unknown = false,
  ) {
    super(message);
  }
}

export interface SmsToSend {
  /** Our message id: eSMS's RequestId, which it refuses to send twice (so a retry is safe). */
  id: string;
  /** 84xxxxxxxxx */
  phone: string;
  text: string;
  /** True for text outside GSM-7 (Vietnamese with its marks). */
  unicode: boolean;
}

export function smsConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.ESMS_API_KEY && env.ESMS_SECRET_KEY);
}

/** eSMS's answer codes that mean "this message will never be taken": bad number, bad sender. */
const REFUSED = new Set(["101", "103", "104", "118", "119", "131", "132", "177"]);
/** "This RequestId was already received": the earlier try reached eSMS, so it is sent. */
const DUPLICATE_REQUEST = "124";

/** Sends one text; returns eSMS's SMSID, which its delivery callbacks name. */
export async function sendSms(sms: SmsToSend): Promise<{ providerRef: string }> {
  const env = getEnv();
  let response: Response;
  try {
    response = await fetch(`${env.ESMS_API_URL}/MainService.svc/json/SendMultipleMessage_V4_post_json/`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        ApiKey: env.ESMS_API_KEY,
        SecretKey: env.ESMS_SECRET_KEY,
        Phone: sms.phone,
        Content: sms.text,
        Brandname: env.ESMS_BRANDNAME,
        // 2: customer care (chăm sóc khách hàng), the type for transactional texts.
        SmsType: "2",
        IsUnicode: sms.unicode ? "1" : "0",
        RequestId: sms.id,
        CallbackUrl: smsCallbackUrl(sms.id),
      }),
      signal: AbortSignal.timeout(env.PHONE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PhoneSendError(`eSMS did not answer: ${error instanceof Error ? error.message : String(error)}`, "retry", true);
  }
  if (response.status === 429 || response.status >= 500) {
    throw new PhoneSendError(`eSMS answered ${response.status}`, "retry");
  }
  const body = (await response.json().catch(() => ({}))) as { CodeResult?: string; SMSID?: string; ErrorMessage?: string };
  if (body.CodeResult === "100" && body.SMSID) return { providerRef: body.SMSID };
  if (body.CodeResult === DUPLICATE_REQUEST) return { providerRef: body.SMSID ?? `request:${sms.id}` };
  const message = `eSMS code ${body.CodeResult ?? response.status}: ${body.ErrorMessage ?? "no message"}`;
  throw new PhoneSendError(message, body.CodeResult && REFUSED.has(body.CodeResult) ? "refused" : "retry");
}

// eSMS signs nothing, so the address we give it for a message's receipts carries our own
// signature of that message's id: a callback for any other id, or with another signature, is forged.
function callbackSignature(id: string): string {
  return keyedHash("esms-receipt", id, "base64url");
}

export function smsCallbackUrl(id: string): string {
  return `${getEnv().appUrl}/webhooks/esms?ref=${id}&sig=${callbackSignature(id)}`;
}

export function smsCallbackValid(id: string, signature: string): boolean {
  return sameSecret(callbackSignature(id), signature);
}

/** eSMS's SendStatus in a receipt: 5 delivered; 2, 3 and 4 failed; 1 still on its way. */
export function smsReceiptState(sendStatus: string | number): "delivered" | "undelivered" | null {
  const code = String(sendStatus);
  if (code === "5") return "delivered";
  if (["2", "3", "4"].includes(code)) return "undelivered";
  return null;
}
