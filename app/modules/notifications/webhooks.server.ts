import { smsCallbackValid, smsReceiptState } from "../../infra/sms.server";
import { zaloEventValid } from "../../infra/zalo.server";
import { recordReceipt } from "./receipts.server";

type Answer = { status: number; message: string };
/** The kernel's id guard, passed in by the route: this module sits below the kernel. */
type IdGuard = (value: unknown) => value is string;

function parse(body: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * eSMS's delivery receipt. eSMS signs nothing, so the address it calls back (ours, given with the
 * message) carries our signature of the message id; a receipt for another id is refused.
 */
export async function receiveSmsReceipt(url: URL, body: string, isId: IdGuard): Promise<Answer> {
  const id = url.searchParams.get("ref") ?? "";
  if (!isId(id) || !smsCallbackValid(id, url.searchParams.get("sig") ?? "")) return { status: 400, message: "signature does not match" };
  const receipt = parse(body);
  if (!receipt) return { status: 400, message: "body is not JSON" };
  const state = smsReceiptState(String(receipt.SendStatus ?? ""));
  // A "still on its way" status changes nothing; the provider will report again.
  if (!state) return { status: 200, message: "noted" };
  const changed = await recordReceipt({ channel: "sms", id, providerRef: typeof receipt.SMSID === "string" ? receipt.SMSID : null, state });
  return { status: 200, message: changed ? "recorded" : "already recorded" };
}

/** Zalo's OA webhook: events signed with X-ZEvent-Signature; only ZNS delivery events matter here. */
export async function receiveZaloEvent(body: string, signature: string | null, isId: IdGuard): Promise<Answer> {
  const event = parse(body);
  if (!event) return { status: 400, message: "body is not JSON" };
  const timestamp = String(event.timestamp ?? "");
  if (!signature || !zaloEventValid(body, timestamp, signature)) return { status: 400, message: "signature does not match" };
  if (event.event_name !== "user_received_message") return { status: 200, message: "ignored" };
  const message = (event.message ?? {}) as Record<string, unknown>;
  // A message the OA sent outside Gieo carries no id of ours: nothing to record.
  if (!isId(message.tracking_id)) return { status: 200, message: "not ours" };
  const at = Number(message.delivery_time);
  const changed = await recordReceipt({
    channel: "zalo",
    id: message.tracking_id,
    providerRef: typeof message.msg_id === "string" ? message.msg_id : null,
    state: "delivered",
    at: Number.isFinite(at) && at > 0 ? new Date(at) : undefined,
  });
  return { status: 200, message: changed ? "recorded" : "already recorded" };
}
