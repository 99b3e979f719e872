import { payloadTooLarge, readText, TOO_LARGE } from "./body.server";

// What the providers' webhook routes share (Stripe, eSMS, Zalo): POST only, a body read raw and
// bounded (signatures cover the exact bytes sent), and a plain-text answer the provider logs.

export interface WebhookAnswer {
  status: number;
  message: string;
}

/** A GET or any other method: without a loader Remix would answer 400 and log an error. */
export function webhookMethodNotAllowed(): Response {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function answerWebhook(request: Request, maxBytes: number, receive: (body: string) => Promise<WebhookAnswer>): Promise<Response> {
  if (request.method !== "POST") return webhookMethodNotAllowed();
  const body = await readText(request, maxBytes);
  if (body === TOO_LARGE) return payloadTooLarge();
  const answer = await receive(body);
  return new Response(answer.message, { status: answer.status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
