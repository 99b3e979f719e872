import type express from "express";
import "../i18n/catalogues.server";
import { translator } from "../i18n/i18n";
import { localeCookie } from "../i18n/locale.server";
import { defaultLocale, isLocale } from "../i18n/locales";

// Cross-site request forgery, checked once for every request that can change something, before
// Remix: document posts and data posts (`?_data=…`, `.data`) alike, which Remix's own check does
// not cover, and routes such as /language and /logout. DECISIONS.md, "One CSRF check".

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

export interface CrossSiteInput {
  method: string;
  /** The Host header: the address the browser itself used for this request. */
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  secFetchSite: string | undefined;
  /** APP_URL, when the server sits behind a proxy that rewrites Host. */
  appUrl?: string;
}

/**
 * Whether a request comes from another site. The browser's Origin header decides; without it,
 * Sec-Fetch-Site, then Referer. Same-site counts as foreign: another port or subdomain of this
 * host is another application (issue 18: a page on the same host at another port posted here).
 * A request with none of the three is not from a browser's form or script (every browser sends
 * Origin on a POST; Stripe, curl and the tests send none) and is let through: sessions cannot be
 * ridden without a browser carrying the cookie.
 */
export function isCrossSite(input: CrossSiteInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  const own = new Set([input.host?.toLowerCase(), input.appUrl ? hostOf(input.appUrl) : undefined].filter(Boolean));
  if (input.origin !== undefined) {
    // "null": a sandboxed frame, a file, a cross-site redirect — never one of this site's pages,
    // which send their origin (Referrer-Policy same-origin, http.server.ts).
    const host = input.origin === "null" ? null : hostOf(input.origin);
    return host === null || !own.has(host);
  }
  if (input.secFetchSite !== undefined) return input.secFetchSite !== "same-origin" && input.secFetchSite !== "none";
  if (input.referer !== undefined) {
    const host = hostOf(input.referer);
    return host === null || !own.has(host);
  }
  return false;
}

/** Express middleware: a 403 with a message in the reader's language, before Remix runs. */
export function refuseCrossSite(appUrl?: string): express.RequestHandler {
  return (req, res, next) => {
    const crossSite = isCrossSite({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      referer: req.headers.referer,
      secFetchSite: req.get("Sec-Fetch-Site"),
      appUrl,
    });
    if (!crossSite) return next();
    localeCookie
      .parse(req.headers.cookie ?? null)
      .catch(() => null)
      .then((chosen: unknown) => {
        const locale = isLocale(chosen) ? chosen : defaultLocale;
        const t = translator(locale);
        res
          .status(403)
          .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", Connection: "close" })
          .send(
            `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>403</title></head>` +
              `<body><h1>${t("errors.crossSite.title")}</h1><p>${t("errors.crossSite.body")}</p>` +
              `<p><a href="/">${t("error.home")}</a></p></body></html>`,
          );
      }, next);
  };
}
