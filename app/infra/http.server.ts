import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { ViteDevServer } from "vite";
import { refuseCrossSite } from "./csrf.server";
import { logger, rootLogger } from "./logger.server";
import { withRequestId } from "./request-context.server";
import { withSubmissionScope } from "./submission-scope.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, for rate limits and the audit log. */
    ip: string;
    /** This response's Content-Security-Policy nonce, given to every inline script. */
    cspNonce: string;
  }
}

export interface HttpAppOptions {
  /** The production build (build/server/index.js) … */
  build?: ServerBuild;
  /** … or Vite in middleware mode, for development. */
  vite?: ViteDevServer;
  clientDir?: string;
  /** Behind a reverse proxy, trust its X-Forwarded-For (e.g. "loopback" or a hop count). */
  trustProxy?: string | number | boolean;
  /** APP_URL: an origin accepted on posts besides the Host header's (a proxy may rewrite Host). */
  appUrl?: string;
}

/**
 * The path as the access log shows it: no query string (a search for a member's name), and the
 * secret of a link (an invitation, a password reset) masked.
 */
export function loggedPath(url: string): string {
  const path = url.split("?")[0].slice(0, 300);
  return path.replace(/^\/(invitations|reset-password|register\/confirm)\/[^/]+/, "/$1/:token");
}

/** The Express app around Remix: security headers, compression, static files. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);

  // A request id for every request: in the response's X-Request-Id, on the access log line, and
  // on every line the app logs while answering it. The line holds method, path, status and time,
  // nothing about the person (logger.server.ts).
  app.use((req, res, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    res.setHeader("X-Request-Id", requestId);
    res.once("finish", () =>
      withRequestId(requestId, () =>
        rootLogger.info(
          { method: req.method, path: loggedPath(req.originalUrl), status: res.statusCode, ms: Math.round(performance.now() - started) },
          "request",
        ),
      ),
    );
    // Each request its own scope for the idempotency key its form carries (kernel/idempotency.server.ts).
    withRequestId(requestId, () => withSubmissionScope(next));
  });

  // A response sent before the request's body was read to its end (a body over its route's limit,
  // infra/body.server.ts) closes the connection: Node would otherwise keep reading the rest.
  app.use((req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
      if (!req.complete) this.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });

  app.use(compression());
  // Remix flushes the compressor after every chunk React writes (about 2 kB), which makes each a
  // zlib sync flush and a socket write: pages came out up to half again larger than one gzip of
  // the whole body. No page streams deferred data, so the compressor decides when to write
  // (issue 17). A proxy in front may compress instead; this one then sees plain chunks.
  app.use((_req, res, next) => {
    (res as { flush?: unknown }).flush = undefined;
    next();
  });

  const development = Boolean(options.vite);
  if (!development) {
    const clientDir = options.clientDir ?? path.resolve("build/client");
    // Static files before the document headers (CSP, referrer and cross-origin policies are for
    // pages: about 950 bytes an asset for nothing); nosniff stays on every file.
    app.use((_req, res, next) => {
      res.setHeader("X-Content-Type-Options", "nosniff");
      next();
    });
    // Fingerprinted assets never change under the same name.
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(clientDir, { maxAge: "1h" }));
  }

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Vite's dev client injects scripts and connects over a websocket; report only there.
        reportOnly: development,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "connect-src": development ? ["'self'", "ws:"] : ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "upgrade-insecure-requests": null,
        },
      },
      // "no-referrer" (helmet's default) makes Chromium send `Origin: null` on same-origin form
      // posts, which Remix then refuses; "same-origin" keeps the origin and still tells other
      // sites nothing.
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
    }),
  );

  // After the security headers, so that its 403 page carries them too; before Remix and Vite.
  app.use(refuseCrossSite(options.appUrl));

  if (options.vite) app.use(options.vite.middlewares);

  const getLoadContext = (req: express.Request, res: express.Response) => ({
    ip: req.ip ?? req.socket.remoteAddress ?? "",
    cspNonce: res.locals.cspNonce as string,
  });
  app.all(
    "*",
    options.vite
      ? async (req, res, next) => {
          try {
            const build = (await options.vite!.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
            return createRequestHandler({ build, getLoadContext })(req, res, next);
          } catch (error) {
            next(error);
          }
        }
      : createRequestHandler({ build: options.build!, getLoadContext }),
  );
  // What escapes Remix (which renders its own errors), e.g. a request it cannot even turn into a
  // Request: logged through the scrubbing logger with its request id, never Express's default
  // handler, which prints the raw error to stderr and a stack page in development.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    logger.error("request failed outside Remix", { error: error instanceof Error ? error.message : String(error) });
    if (res.headersSent) return void res.end();
    res.status(500).type("text/plain").send("500");
  });
  return app;
}
