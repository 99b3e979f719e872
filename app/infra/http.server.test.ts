import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, logInOver, makeUser, startServer, type TestServer } from "../testing/fixtures";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("HTTP safety defaults", () => {
  it("/healthz reports the database as JSON", async () => {
    const response = await get(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.database.status).toBe("ok");
    // It names no driver or version: nothing for an attacker to aim at.
    expect(body.database.driver).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/pglite|postgres/i);
  });

  it("sends a CSP whose per-request nonce is on every inline script", async () => {
    const first = await get(`${server.url}/login`);
    const second = await get(`${server.url}/login`);
    const csp = first.headers.get("Content-Security-Policy")!;
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(second.headers.get("Content-Security-Policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    // Not "no-referrer": with it Chromium posts forms with `Origin: null`, which Remix refuses.
    expect(first.headers.get("Referrer-Policy")).toBe("same-origin");
    const html = await first.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("keeps pages with personal data out of caches", async () => {
    const user = await makeUser(["admin"]);
    const cookie = await logInOver(server, user.email);
    const page = await get(`${server.url}/admin/users`, cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const data = await get(`${server.url}/admin/users.data`, cookie);
    expect(data.headers.get("Cache-Control")).toBe("no-store");
  });

  it("renders 404 and 403 pages in the reader's language", async () => {
    const missing = await get(`${server.url}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Không tìm thấy trang");
    const english = await fetch(`${server.url}/no-such-page`, { headers: { Cookie: "gieo_lang=ImVuIg%3D%3D" } });
    expect(await english.text()).toContain("Page not found");
    const applicant = await makeUser(["applicant"]);
    const forbidden = await get(`${server.url}/admin/audit`, await logInOver(server, applicant.email));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("Bạn không có quyền xem trang này");
  });

  it("serves fingerprinted assets as immutable and compressed", async () => {
    const html = await (await get(`${server.url}/login`)).text();
    const asset = html.match(/\/assets\/[^"]+\.js/)![0];
    const response = await fetch(`${server.url}${asset}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    // Issue 17: the page's own headers stay off files; nosniff stays on.
    expect(response.headers.get("Content-Security-Policy")).toBeNull();
    expect(response.headers.get("Cross-Origin-Opener-Policy")).toBeNull();
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("compresses a page whole, not chunk by chunk (issue 17)", async () => {
    const user = await makeUser(["admin"]);
    const cookie = await logInOver(server, user.email);
    const response = await new Promise<{ compressed: number; body: Buffer }>((resolve, reject) => {
      // node:http, not fetch: fetch inflates the body and hides its compressed size.
      const request = http.get(`${server.url}/admin/users`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({ compressed: raw.byteLength, body: zlib.gunzipSync(raw) });
        });
      });
      request.on("error", reject);
    });
    const whole = zlib.gzipSync(response.body).byteLength;
    expect(response.body.toString("utf8")).toContain("</html>");
    // A sync flush per 2 kB chunk made pages 17–47 % larger than this; a few bytes of framing remain.
    expect(response.compressed).toBeLessThan(whole * 1.05);
  });
});
