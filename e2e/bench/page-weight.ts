import http from "node:http";
import zlib from "node:zlib";

// What a browser downloads to show a page, the first time: the HTML and every stylesheet and
// script it references, counted as the bytes on the wire (gzip, as the server's compression
// middleware sends them), without HTTP headers. Images, fonts and the favicon are left out.

export interface PageWeight {
  status: number;
  /** Compressed bytes. */
  html: number;
  css: number;
  js: number;
  total: number;
  assets: { url: string; kind: "css" | "js"; bytes: number; status: number }[];
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (still compressed when the server compressed it). */
  wire: Buffer;
}

function get(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, "Accept-Encoding": "gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, wire: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

function decode(response: RawResponse): string {
  const encoding = response.headers["content-encoding"];
  const body = encoding === "gzip" ? zlib.gunzipSync(response.wire) : response.wire;
  return body.toString("utf8");
}

/** Whether a route answers a page (HTML), as opposed to JSON or a redirect. */
export function isHtml(response: { headers: http.IncomingHttpHeaders }): boolean {
  return String(response.headers["content-type"] ?? "").startsWith("text/html");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The stylesheets and scripts an HTML document makes the browser fetch. */
export function referencedAssets(html: string): { href: string; kind: "css" | "js" }[] {
  const found: { href: string; kind: "css" | "js" }[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attribute(tag, "href");
    if (!href) continue;
    if (rel.includes("stylesheet")) found.push({ href, kind: "css" });
    else if (rel.includes("modulepreload")) found.push({ href, kind: "js" });
  }
  for (const [, open, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = attribute(open, "src");
    if (src) found.push({ href: src, kind: "js" });
    // Remix's inline module script imports the route modules; they are usually modulepreloaded
    // too, but an import that is not would still be downloaded.
    if (/type\s*=\s*["']?module/i.test(open)) {
      for (const [, specifier] of body.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) {
        found.push({ href: specifier, kind: "js" });
      }
    }
  }
  return found;
}

/**
 * The chunks a script imports, statically or with import(): lazily loaded code (the page's message
 * catalogue, validation loaded after the page is usable) is downloaded all the same, so it counts.
 * The other language's messages do not: app/i18n/load-catalogue.ts fetches only the page's
 * language, from chunks that vite.config.ts names by it ("vi-applications-….js", "en-catalogue-….js").
 */
export function importedChunks(js: string, pageLang: string): string[] {
  const found = new Set<string>();
  for (const [, specifier] of js.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+\.js)["']/g)) {
    const file = specifier.split("/").pop() ?? "";
    const language = /^(vi|en)-[\w-]+\.js$/.exec(file)?.[1];
    if (language && language !== pageLang) continue;
    found.add(specifier);
  }
  return [...found];
}

export async function pageWeight(url: string, headers: Record<string, string>): Promise<PageWeight | null> {
  const page = await get(url, headers);
  if (!isHtml(page)) return null;
  const html = decode(page);
  const pageLang = /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1] ?? "vi";
  const origin = new URL(url).origin;
  const seen = new Set<string>();
  const assets: PageWeight["assets"] = [];
  const queue = referencedAssets(html).map(({ href, kind }) => ({ url: new URL(href, url), kind }));
  while (queue.length > 0) {
    const { url: asset, kind } = queue.shift()!;
    // Only this server: the bench never fetches from elsewhere (and Gieo references nothing else).
    if (asset.origin !== origin || seen.has(asset.href)) continue;
    seen.add(asset.href);
    const response = await get(asset.href, headers);
    assets.push({ url: asset.pathname, kind, bytes: response.wire.length, status: response.status });
    if (kind === "js" && response.status === 200) {
      for (const specifier of importedChunks(decode(response), pageLang)) queue.push({ url: new URL(specifier, asset), kind: "js" });
    }
  }
  const sum = (kind: "css" | "js") => assets.filter((a) => a.kind === kind).reduce((n, a) => n + a.bytes, 0);
  const css = sum("css");
  const js = sum("js");
  return { status: page.status, html: page.wire.length, css, js, total: page.wire.length + css + js, assets };
}
