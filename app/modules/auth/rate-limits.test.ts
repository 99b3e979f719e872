import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, outbox, signUps } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { makeUser, postForm, startServer } from "../../testing/fixtures";
import { LIMITS } from "./auth.server";
import { EXPORT_LIMIT } from "./guards.server";

// Floods and lock-outs (issue 18, item 10), over real HTTP. The server trusts the loopback proxy,
// as one behind a reverse proxy does (TRUST_PROXY), so each test speaks from addresses of its own.
// On PostgreSQL the parallel attempts really run at once on a pool of connections.

let url: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const server = await startServer({ trustProxy: "loopback" });
  url = server.url;
  close = server.close;
});
afterAll(() => close());

let lastOctet = 10;
const newAddress = () => `203.0.113.${lastOctet++}`;

// The language cookie holding "en", as the language switch sets it.
const ENGLISH = "gieo_lang=ImVuIg%3D%3D";

const login = (identifier: string, password: string, from: string, cookie?: string) =>
  postForm(`${url}/login`, { identifier, password, redirectTo: "/" }, { headers: { "X-Forwarded-For": from, ...(cookie ? { Cookie: cookie } : {}) } });

const audits = async (action: string) => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0].n;

describe(`rate limits (${currentDatabase().driver})`, () => {
  it("30 parallel wrong passwords get at most 5 checks through; the rest are 429 and write no audit row", async () => {
    const user = await makeUser(["finance"]);
    const attacker = newAddress();
    const failedBefore = await audits("auth.login_failed");
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(user.email, `guess-${i}`, attacker).then((r) => r.status)));
    const checked = statuses.filter((s) => s === 400).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.loginAccountAddress.max);
    expect(checked).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
    // Each check is audited; each throttled attempt is not.
    expect((await audits("auth.login_failed")) - failedBefore).toBe(checked);
    expect(await audits("auth.login_throttled")).toBe(0);
  });

  it("the attacker cannot lock the owner out: she signs in from her own address", async () => {
    const user = await makeUser(["finance"]);
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) await login(user.email, `guess-${i}`, attacker);
    expect((await login(user.email, user.password, attacker)).status).toBe(429);
    expect((await login(user.email, user.password, newAddress())).status).toBe(302);
  });

  it("many accounts from one address hit the address's limit, which does not touch other addresses", async () => {
    const sprayer = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.loginAddress.max + 2; i++) statuses.push((await login(`spray-${i}@gieo.test`, "guess", sprayer)).status);
    expect(statuses.slice(0, LIMITS.loginAddress.max).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(LIMITS.loginAddress.max).every((s) => s === 429)).toBe(true);
    const user = await makeUser(["finance"]);
    expect((await login(user.email, user.password, newAddress())).status).toBe(302);
  });

  it("a successful log-in does not count against her typos or her village's address", async () => {
    const user = await makeUser(["applicant"]);
    const village = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.loginAccountAddress.max - 1; i++) expect((await login(user.email, "typo", village)).status).toBe(400);
      expect((await login(user.email, user.password, village)).status).toBe(302);
    }
  });

  it("answers a throttled attempt in the user's language", async () => {
    const user = await makeUser(["finance"]);
    const from = newAddress();
    for (let i = 0; i < LIMITS.loginAccountAddress.max; i++) await login(user.email, "guess", from);
    const english = await login(user.email, "guess", from, ENGLISH);
    expect(english.status).toBe(429);
    expect(await english.text()).toContain("Too many failed attempts.");
  });

  it("20 parallel resets for one person queue at most 3 e-mails, and 429 for the rest", async () => {
    const user = await makeUser(["finance"]);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postForm(`${url}/forgot-password`, { identifier: user.email }, { headers: { "X-Forwarded-For": `198.51.100.${i + 1}` } }).then((r) => r.status),
      ),
    );
    const mails = (await db.select({ n: count() }).from(outbox).where(eq(outbox.toAddress, user.email)))[0].n;
    expect(mails).toBeLessThanOrEqual(LIMITS.resetEmail.max);
    expect(mails).toBe(statuses.filter((s) => s === 200).length);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - mails);
    // An address with no account is limited the same way, so a 429 tells nothing about accounts.
    const ghost = await Promise.all(
      Array.from({ length: 5 }, () => postForm(`${url}/forgot-password`, { identifier: "nobody@gieo.test" }, { headers: { "X-Forwarded-For": newAddress() } })),
    );
    expect(ghost.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
  });

  it("sign-up is limited per address", async () => {
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.signupAddress.max + 2; i++) {
      const response = await postForm(
        `${url}/register`,
        { name: `Người thử ${i}`, email: `signup-${from}-${i}@gieo.test`, password: "mat-khau-dai-1" },
        { headers: { "X-Forwarded-For": from } },
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 302)).toHaveLength(LIMITS.signupAddress.max);
    expect(statuses.slice(LIMITS.signupAddress.max)).toEqual([429, 429]);
    // With an e-mail address a sign-up waits for its link (DECISIONS.md 39): one kept per 302.
    const made = (await db.select({ n: count() }).from(signUps).where(like(signUps.email, `signup-${from}-%`)))[0].n;
    expect(made).toBe(LIMITS.signupAddress.max);
  });

  it("confirmation e-mails to one address are limited, whoever asks and whether or not it has an account", async () => {
    const owner = await makeUser(["applicant"], { email: `owner-${newAddress()}@gieo.test` });
    for (const email of [`fresh-${newAddress()}@gieo.test`, owner.email]) {
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.signupEmail.max + 1; i++) {
        const response = await postForm(`${url}/register`, { name: "Người thử", email, password: "mat-khau-dai-1" }, { headers: { "X-Forwarded-For": newAddress() } });
        statuses.push(response.status);
      }
      expect(statuses, email).toEqual([...Array(LIMITS.signupEmail.max).fill(302), 429]);
      const mails = (await db.select({ n: count() }).from(outbox).where(eq(outbox.toAddress, email)))[0].n;
      expect(mails, email).toBe(LIMITS.signupEmail.max);
    }
  });

  it("using invitation and reset links is limited per address", async () => {
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.linkAddress.max + 1; i++) {
      const response = await postForm(`${url}/reset-password/guessed-token-${i}`, { password: "mat-khau-dai-1", confirm: "mat-khau-dai-1" }, { headers: { "X-Forwarded-For": from } });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LIMITS.linkAddress.max).every((s) => s === 410)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const invitation = await postForm(`${url}/invitations/guessed`, { name: "Ai Đó", password: "mat-khau-dai-1" }, { headers: { "X-Forwarded-For": from } });
    expect(invitation.status).toBe(429);
    expect((await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.ip, from)))).at(0)?.n).toBe(0);
  });

  it("exports are limited per person: past the limit a 429 in her language, and others still download", async () => {
    const busy = await makeUser(["admin"]);
    const other = await makeUser(["admin"]);
    const cookieOf = async (email: string, password: string) => {
      const response = await login(email, password, newAddress());
      return (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    };
    const busyCookie = await cookieOf(busy.email, busy.password);
    const otherCookie = await cookieOf(other.email, other.password);
    const download = (cookie: string) => fetch(`${url}/admin/impact/export.csv?dataset=grants`, { headers: { Cookie: cookie } });
    const statuses: number[] = [];
    for (let i = 0; i < EXPORT_LIMIT.max + 1; i++) statuses.push((await download(busyCookie)).status);
    expect(statuses).toEqual([...Array(EXPORT_LIMIT.max).fill(200), 429]);
    const refused = await download(`${busyCookie}; ${ENGLISH}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toBe("You have downloaded too many exports in a few minutes. Wait a few minutes and try again.");
    expect((await download(otherCookie)).status).toBe(200);
  });
});
