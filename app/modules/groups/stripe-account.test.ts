import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groups } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { makeGroup } from "../../testing/factories";

// Finance sets a group's Stripe connected account on /finance/groups/:id/stripe, over real HTTP.

let server: TestServer;
let financeCookie: string;
let adminCookie: string;

beforeAll(async () => {
  server = await startServer();
  const [finance, admin] = await Promise.all([makeUser(["finance"]), makeUser(["admin"])]);
  financeCookie = await logInOver(server, finance.email);
  adminCookie = await logInOver(server, admin.email);
});
afterAll(() => server.close());

const account = async (groupId: string) => (await db.select({ a: groups.stripeAccountId }).from(groups).where(eq(groups.id, groupId)))[0].a;
const audits = async (groupId: string) =>
  (await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, groupId), eq(auditLog.action, "group.stripe_account_set"))))[0].n;

describe(`a group's Stripe account (${currentDatabase().driver})`, () => {
  it("finance saves a valid acct_ id, audited; the page shows it; removing it is audited too", async () => {
    const groupId = (await makeGroup({ name: "Nhóm dệt thổ cẩm Tả Phìn" })).id;
    const url = `${server.url}/finance/groups/${groupId}/stripe`;
    const page = await get(url, financeCookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Nhóm dệt thổ cẩm Tả Phìn");

    const saved = await postForm(url, { stripeAccountId: "  acct_1Nv0FGQ9RKHgCVdK " }, { cookie: financeCookie });
    expect(saved.status).toBe(200);
    expect(await account(groupId)).toBe("acct_1Nv0FGQ9RKHgCVdK");
    expect(await audits(groupId)).toBe(1);
    // The same again changes nothing.
    await postForm(url, { stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK" }, { cookie: financeCookie });
    expect(await audits(groupId)).toBe(1);

    await postForm(url, { stripeAccountId: "" }, { cookie: financeCookie });
    expect(await account(groupId)).toBeNull();
    expect(await audits(groupId)).toBe(2);
  });

  it("refuses what is not an account id, extra fields, other roles and unknown groups, writing nothing", async () => {
    const groupId = (await makeGroup({ name: "Nhóm trồng quế" })).id;
    const url = `${server.url}/finance/groups/${groupId}/stripe`;
    for (const bad of ["acct_", "acct_12", "ba_1Nv0FGQ9RKHgCVdK", "acct_1Nv0FGQ9RKHgCVdK; drop", "acct_\u0000abcdefgh"]) {
      const response = await postForm(url, { stripeAccountId: bad }, { cookie: financeCookie });
      expect(response.status, bad).toBe(400);
    }
    expect((await postForm(url, { stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK", groupId }, { cookie: financeCookie })).status).toBe(400);
    expect((await postForm(url, { stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK" }, { cookie: adminCookie })).status).toBe(403);
    expect((await postForm(url, { stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK" })).status).toBe(302);
    expect((await postForm(`${server.url}/finance/groups/${crypto.randomUUID()}/stripe`, { stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK" }, { cookie: financeCookie })).status).toBe(404);
    expect(await account(groupId)).toBeNull();
    expect(await audits(groupId)).toBe(0);
  });
});
