import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/ui/nonce";
import "./i18n/catalogues.server";
import { logger } from "./infra/logger.server";

export const streamTimeout = 5_000;

/**
 * React 18.3's renderToPipeableStream flushes its whole 2 KB buffer when a multibyte character
 * does not fit at its end, sending the unused bytes as NULs inside Vietnamese text (facebook/react
 * #31134): browsers drop them in text but turn them into U+FFFD in attribute values and scripts,
 * so a form posted back without JavaScript would change the answer. UTF-8 never uses the byte 0
 * inside a character, and our data cannot hold NUL, so dropping every 0 byte restores the page.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

/**
 * Pages carry personal data (names, phones, amounts): nothing may be kept by a shared cache or
 * the browser's back-forward cache unless a route says otherwise.
 */
function privateByDefault(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  privateByDefault(response.headers);
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error("request failed", {
    url: new URL(request.url).pathname,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") || "");
  privateByDefault(responseHeaders);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // A bot waits for the whole page; a person gets the shell first and the rest as it renders.
    const respond = () => {
      shellRendered = true;
      const body = withoutNulBytes();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(timer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error("render failed", { error: String(error) });
        },
      },
    );
    // Stops a render still waiting after the stream timeout; cleared once everything is rendered,
    // so that no timer outlives its request.
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}
