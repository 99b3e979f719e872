import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications, outbox, users } from "../../db/schema";
import { db } from "../infra/db.server";
import { allows, roles, type Role } from "../modules/auth/permissions";
import { appRoutes, urlOf, type RouteInfo as AppRoute } from "../testing/app-routes";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../testing/fixtures";

// Every route of the built app, checked for every role against the access its `handle` declares.
// A new route without a declaration fails here.

interface RouteInfo extends AppRoute {
  url: string;
}

async function routesToCrawl(): Promise<RouteInfo[]> {
  return (await appRoutes()).map((route) => ({
    ...route,
    url: urlOf(route.pattern, (name) => (name === "token" ? "no-such-token" : randomUUID())),
  }));
}

function isLoginRedirect(response: Response): boolean {
  return [301, 302, 303].includes(response.status) && (response.headers.get("Location") ?? "").startsWith("/login");
}

let server: TestServer;
let routes: RouteInfo[];
const cookies = new Map<Role | "anonymous", string>();

beforeAll(async () => {
  server = await startServer();
  routes = await routesToCrawl();
  cookies.set("anonymous", "");
  for (const role of roles) {
    const user = await makeUser([role]);
    cookies.set(role, await logInOver(server, user.email));
  }
});

afterAll(() => server.close());

// One request per route, method and role: the whole crawl takes tens of seconds on a loaded machine.
describe("route access", { timeout: 180_000 }, () => {
  it("finds the app's routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it("every route declares who may use it", () => {
    const undeclared = routes.filter((r) => r.access === undefined).map((r) => r.id);
    expect(undeclared).toEqual([]);
  });

  it("answers every role as each route declares, for GET and POST", async () => {
    const problems: string[] = [];
    for (const route of routes) {
      for (const [who, cookie] of cookies) {
        const userRoles = who === "anonymous" ? null : [who];
        const allowed = allows(route.access!, userRoles);
        const requests: [string, Promise<Response>][] = [];
        if (route.hasLoader) requests.push(["GET", get(`${server.url}${route.url}`, cookie)]);
        // An empty form: allowed callers get a validation answer, the others must be stopped first.
        if (route.hasAction) requests.push(["POST", postForm(`${server.url}${route.url}`, {}, { cookie })]);
        for (const [method, pending] of requests) {
          const response = await pending;
          const body = await response.text();
          const label = `${method} ${route.url} as ${who}: ${response.status}`;
          if (allowed) {
            if (response.status === 401 || response.status === 403 || isLoginRedirect(response)) problems.push(`${label} (should be allowed)`);
            if (response.status >= 500) problems.push(`${label} (server error)`);
          } else {
            if (!(response.status === 403 || isLoginRedirect(response))) problems.push(`${label} (should be refused)`);
            if (response.status === 403 && body.includes("@test.gieo")) problems.push(`${label} (refusal leaks data)`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("changes nothing on GET", async () => {
    const counts = async () =>
      Promise.all([auditLog, outbox, users, notifications].map(async (t) => (await db.select({ n: count() }).from(t))[0].n));
    const before = await counts();
    for (const route of routes.filter((r) => r.hasLoader)) {
      for (const cookie of cookies.values()) await (await get(`${server.url}${route.url}`, cookie)).arrayBuffer();
    }
    expect(await counts()).toEqual(before);
  });
});
