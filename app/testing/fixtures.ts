import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { inject } from "vitest";
import { reloadEnv } from "../infra/env.server";
import { createHttpApp } from "../infra/http.server";

// The makers of test rows live in ./factories; makeUser is re-exported here because nearly every
// HTTP test needs a user beside its server.
import type { Role } from "../modules/auth/permissions";
import { makeUser, TEST_PASSWORD } from "./factories/users";
export { makeUser, TEST_PASSWORD } from "./factories/users";

export interface TestServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * The production build served by the real Express app on a free port, over real HTTP. The app
 * runs in this process: `env` (e.g. a Stripe fake's settings) is put into `process.env` and read
 * again by the app's next `getEnv()`. `trustProxy` ("loopback") lets a test speak from addresses of
 * its own through X-Forwarded-For, as behind a reverse proxy (the per-address limits).
 */
export async function startServer(options: { env?: Record<string, string>; trustProxy?: string } = {}): Promise<TestServer> {
  if (options.env) {
    Object.assign(process.env, options.env);
    reloadEnv();
  }
  const buildDir = inject("buildDir");
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(path.join(buildDir, "server/index.js")).href
  )) as ServerBuild;
  const app = createHttpApp({ build, clientDir: path.join(buildDir, "client"), trustProxy: options.trustProxy });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Posts a form the way a browser without JavaScript does; redirects are not followed. */
export function postForm(
  url: string,
  fields: Record<string, string | string[]>,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return fetch(url, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

export function get(url: string, cookie?: string) {
  return fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** The `name=value` pairs of a response's Set-Cookie headers, ready to send back. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Logs in through the real form and returns the session cookie. */
export async function logInOver(server: TestServer, identifier: string, password = TEST_PASSWORD): Promise<string> {
  const response = await postForm(`${server.url}/login`, { identifier, password, redirectTo: "/" });
  if (response.status !== 302) {
    throw new Error(`log-in failed for ${identifier}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  return cookiesFrom(response);
}

/** A user and her session: what an HTTP test acts as. */
export interface Person {
  id: string;
  email: string;
  cookie: string;
}

/** A new user with the given roles, logged in through the real form. */
export async function person(server: TestServer, roles: Role[], name?: string): Promise<Person> {
  const user = await makeUser(roles, { name });
  return { id: user.id, email: user.email, cookie: await logInOver(server, user.email) };
}

/** A Request as Remix hands it to a loader or action. */
export function formRequest(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: cookie ? { Cookie: cookie } : {},
  });
}

/** The messages of an error and its causes (drizzle wraps the driver's error), joined. */
export async function rejection(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const messages: string[] = [];
    let current: unknown = error;
    while (current instanceof Error) {
      messages.push(current.message);
      current = current.cause;
    }
    return messages.join(" | ");
  }
  throw new Error("expected the promise to reject");
}
