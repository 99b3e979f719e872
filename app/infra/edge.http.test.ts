import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { cookiesFrom, get, logInOver, makeUser, postForm, startServer, TEST_PASSWORD, type TestServer } from "../testing/fixtures";
import { currentDatabase, db } from "./db.server";

// What an attacker meets at the HTTP edge (issue 18), over real HTTP against the built app.

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface Streamed {
  status: number;
  body: string;
  /** Bytes written before the answer arrived. */
  sentBeforeAnswer: number;
}

/**
 * Posts a chunked body (no Content-Length) of up to `total` bytes, 64 kB at a time, and stops
 * sending as soon as the server answers.
 */
function streamPost(url: string, total: number, headers: Record<string, string> = {}): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } });
    request.on("response", (response) => {
      answered = true;
      const at = sent;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, sentBeforeAnswer: at }));
      response.on("error", reject);
    });
    // The server closes the connection after its early answer; writes after that fail, as they should.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe(`one bounded body reader (${currentDatabase().driver})`, () => {
  it("answers a chunked 64 MB webhook post with 413 long before it has all arrived", async () => {
    const answer = await streamPost(`${server.url}/webhooks/stripe`, 64 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("Payload Too Large");
    // The limit is 512 kB; the rest of the 64 MB was never read.
    expect(answer.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
  });

  it("limits /admin/users, which read any body whole", async () => {
    const admin = await makeUser(["admin"]);
    const cookie = await logInOver(server, admin.email);
    const answer = await streamPost(`${server.url}/admin/users`, 64 * 1024 * 1024, { Cookie: cookie });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("Biểu mẫu quá lớn.");
    expect(answer.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
  });

  it("closes only the connections whose body was left unread: others stay alive", async () => {
    const headerOf = (method: string, body?: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        const request = http.request(`${server.url}/login`, { method, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
        request.on("response", (response) => {
          response.resume();
          resolve(response.headers.connection);
        });
        request.on("error", reject);
        request.end(body);
      });
    expect(await headerOf("GET")).toBe("keep-alive");
    expect(await headerOf("POST", "identifier=a%40b.c&password=x")).toBe("keep-alive");
  });

  it("reads every body through app/infra/body.server.ts: no route reads one whole", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !file.endsWith(path.join("infra", "body.server.ts"))) {
          const source = fs.readFileSync(file, "utf8");
          const found = source.match(
            /\brequest\.(text|json|formData|arrayBuffer|blob|bytes)\(|\brequest\.body\b|unstable_parseMultipartFormData|parseMultipartFormData/g,
          );
          if (found) offenders.push(`${path.relative(process.cwd(), file)}: ${found.join(", ")}`);
        }
      }
    };
    walk(path.resolve("app"));
    expect(offenders).toEqual([]);
  });
});

describe("inline styles", () => {
  it("no component sets a style attribute, which the CSP's style-src 'self' refuses (e2e/csp.spec.ts walks the pages)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith(".tsx") && /\bstyle=\{/.test(fs.readFileSync(file, "utf8"))) offenders.push(path.relative(process.cwd(), file));
      }
    };
    walk(path.resolve("app"));
    expect(offenders).toEqual([]);
  });
});

describe(`cross-site posts (${currentDatabase().driver})`, () => {
  it("refuses a data post (`?_data=`, `.data`) from another origin with a 403 and writes nothing", async () => {
    const [admin, target] = await Promise.all([makeUser(["admin"]), makeUser(["applicant"])]);
    const cookie = await logInOver(server, admin.email);
    const foreign = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`;
    for (const path of ["/admin/users?_data=routes%2Fadmin.users._index", "/admin/users.data", "/admin/users"]) {
      const response = await postForm(
        `${server.url}${path}`,
        { intent: "status", userId: target.id, disabled: "true" },
        { cookie, headers: { Origin: foreign } },
      );
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Yêu cầu này được gửi từ một trang khác");
    }
    const audited = await db.select().from(auditLog).where(eq(auditLog.entityId, target.id));
    expect(audited.filter((row) => row.action === "user.disabled")).toEqual([]);
  });

  it("checks /language and /logout too, in the reader's language; Origin null, Sec-Fetch-Site and Referer count", async () => {
    const user = await makeUser(["applicant"]);
    const cookie = await logInOver(server, user.email);
    const english = `${cookie}; gieo_lang=ImVuIg%3D%3D`;
    const language = await postForm(`${server.url}/language`, { locale: "en", redirectTo: "/" }, { cookie: english, headers: { Origin: "https://evil.example" } });
    expect(language.status).toBe(403);
    expect(await language.text()).toContain("This request was sent from another site");
    const forged: Record<string, string>[] = [
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Referer: "https://evil.example/page" },
    ];
    for (const headers of forged) {
      const logout = await postForm(`${server.url}/logout`, {}, { cookie, headers });
      expect(logout.status, JSON.stringify(headers)).toBe(403);
    }
    // Still logged in: none of them ended the session.
    expect((await get(`${server.url}/applications`, cookie)).status).toBe(200);
  });

  it("lets this site's own posts through, with or without Origin (Stripe and non-browser clients send none)", async () => {
    const user = await makeUser(["applicant"]);
    const cookie = await logInOver(server, user.email);
    const own = await postForm(`${server.url}/language`, { locale: "en", redirectTo: "/applications" }, { cookie, headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin" } });
    expect(own.status).toBe(302);
    const referred = await postForm(`${server.url}/language`, { locale: "vi", redirectTo: "/" }, { cookie, headers: { Referer: `${server.url}/applications` } });
    expect(referred.status).toBe(302);
    // A webhook without a signature is Stripe's 400, not the CSRF check's 403.
    const webhook = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", body: "{}" });
    expect(webhook.status).toBe(400);
  });
});

describe(`redirects after log-in and language (${currentDatabase().driver})`, () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["//evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/applications?tab=1", "/applications?tab=1"],
  ])("log-in with redirectTo %j goes to %j", async (redirectTo, expected) => {
    const user = await makeUser(["applicant"]);
    const response = await postForm(`${server.url}/login`, { identifier: user.email, password: TEST_PASSWORD, redirectTo });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(expected);
  });

  it("a CR or LF in redirectTo is a clean redirect home, not a 500 after the session was written", async () => {
    const user = await makeUser(["applicant"]);
    for (const redirectTo of ["/a\r\nSet-Cookie: x=1", "/a\nb", "/ngôn-ngữ"]) {
      const response = await postForm(`${server.url}/login`, { identifier: user.email, password: TEST_PASSWORD, redirectTo });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/[^\r\n]*$/);
      expect(response.headers.get("Set-Cookie")).not.toContain("x=1");
      expect(cookiesFrom(response)).toContain("gieo_session");
    }
    const language = await postForm(`${server.url}/language`, { locale: "en", redirectTo: "/\t/evil.example" });
    expect(language.status).toBe(302);
    expect(language.headers.get("Location")).toBe("/");
  });
});

describe(`bad input is a 4xx in the user's language (${currentDatabase().driver})`, () => {
  it("/admin/users: a wrong content type is a 400, an unknown user id a 404, nothing written", async () => {
    const admin = await makeUser(["admin"]);
    const cookie = await logInOver(server, admin.email);
    const json = await fetch(`${server.url}/admin/users`, {
      method: "POST",
      body: JSON.stringify({ intent: "roles", userId: admin.id }),
      headers: { Cookie: cookie, "Content-Type": "application/json" },
    });
    expect(json.status).toBe(400);
    expect(await json.text()).toContain("Không đọc được biểu mẫu");
    const unknown = "00000000-0000-4000-8000-000000000000";
    const posts: Record<string, string>[] = [
      { intent: "roles", userId: unknown, roles: "admin" },
      { intent: "status", userId: unknown, disabled: "true" },
    ];
    for (const fields of posts) {
      const response = await postForm(`${server.url}/admin/users`, fields, { cookie });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("Không tìm thấy người dùng này.");
    }
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, unknown))).toEqual([]);
  });

  it("a disbursement action with a malformed id (show-qr and the rest) is a 404", async () => {
    const finance = await makeUser(["finance"]);
    const cookie = await logInOver(server, finance.email);
    for (const intent of ["show-qr", "approve"]) {
      const response = await postForm(`${server.url}/finance/disbursements/not-a-uuid`, { intent }, { cookie });
      expect(response.status).toBe(404);
      // The page around the action's answer is the 404 page: its loader finds no disbursement either.
      expect(await response.text()).toContain("Không tìm thấy");
    }
  });
});

describe(`access log and health (${currentDatabase().driver})`, () => {
  it("gives every response a request id", async () => {
    const [a, b] = await Promise.all([get(`${server.url}/login`), get(`${server.url}/healthz`)]);
    expect(a.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("X-Request-Id")).not.toBe(a.headers.get("X-Request-Id"));
  });
});
