// The one place that reads a request's body. Every route goes through `readBody` (forms through
// readForm in app/forms/parse-form.server.ts), so no route can read a body of any size before
// checking its limit: `request.text()`, `request.formData()` and friends buffer the whole body
// first, and a chunked post carries no Content-Length to check beforehand. body.server.test.ts
// fails the build when one of them appears anywhere else in app/.

/** The body was larger than the route's limit; the rest of it was never read. */
export const TOO_LARGE = "errors.formTooLarge";

/**
 * At most `limit` bytes of the request's body, or TOO_LARGE as soon as a declared Content-Length
 * or the bytes streamed so far go past it. The rest stays unread on the socket: the HTTP layer
 * (http.server.ts) answers such a request with `Connection: close`, so it is dropped, not drained.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > limit) return TOO_LARGE;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Not reader.cancel(): on Node it destroys the socket, and the sender would get a reset
      // instead of the 413 that says why.
      if (size > limit) return TOO_LARGE;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body as UTF-8 text (a webhook's signed payload), or TOO_LARGE. */
export async function readText(request: Request, limit: number): Promise<string | typeof TOO_LARGE> {
  const bytes = await readBody(request, limit);
  return bytes === TOO_LARGE ? TOO_LARGE : new TextDecoder().decode(bytes);
}

/** A plain 413 for callers that answer machines (webhooks), not people. */
export function payloadTooLarge(): Response {
  return new Response("Payload Too Large", {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
  });
}
