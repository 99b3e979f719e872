import { redirect } from "@remix-run/node";
import { hit, type Limit } from "../../infra/rate-limit.server";
import { oncePerRequest } from "../../infra/request-context.server";
import { readSession } from "../../infra/session.server";
import { noteSubmitter } from "../../kernel/idempotency.server";
import "../../i18n/catalogues.server";
import { translator } from "../../i18n/i18n";
import { getLocale } from "../../i18n/locale.server";
import { allows, hasPermission, type Access, type Permission } from "./permissions";
import { findUserById, type User } from "../users/users.server";

/**
 * The signed-in user, or null. A disabled user has no live session. Read once per request (the
 * root loader and the page's loaders all ask; issue 17), keyed by the cookie that names her. An
 * action reads her afresh: what it changes (her name, her language) the loaders after it must see.
 */
export function getUser(request: Request): Promise<User | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return readUser(request);
  return oncePerRequest(`user:${request.headers.get("Cookie") ?? ""}`, () => readUser(request));
}

async function readUser(request: Request): Promise<User | null> {
  const session = await readSession(request);
  if (!session) return null;
  const user = await findUserById(session.userId);
  const live = user && !user.disabled ? user : null;
  noteSubmitter(live?.id ?? null);
  return live;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname.endsWith(".data") ? url.pathname.slice(0, -5) : url.pathname;
  return redirect(`/login?${new URLSearchParams({ redirectTo: `${back}${url.search}` })}`);
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** Throws a redirect to the log-in page when nobody is signed in. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/**
 * Enforces a route's declared access (its `handle.access`): returns the user (null on a public
 * route nobody is signed in to), throws a log-in redirect or a 403.
 */
export async function requireAccess(request: Request, access: "public"): Promise<User | null>;
export async function requireAccess(request: Request, access: Exclude<Access, "public">): Promise<User>;
export async function requireAccess(request: Request, access: Access): Promise<User | null> {
  if (access === "public") return getUser(request);
  const user = await requireUser(request);
  if (!allows(access, user.roles)) throw forbidden();
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<User> {
  const user = await requireUser(request);
  if (!hasPermission(user.roles, permission)) throw forbidden();
  return user;
}

export function notFoundUnless<T>(value: T | null | undefined): asserts value is T {
  if (value === null || value === undefined) throw new Response("Not found", { status: 404 });
}

/**
 * Exports one person may download in ten minutes: each reads whole rounds or programmes (the
 * donor workbook of 20,000 grants takes the server 20 seconds), so a script cannot keep the
 * server busy with them. Far more than anyone clicks.
 */
export const EXPORT_LIMIT: Limit = { name: "export:user", max: 20, windowMs: 10 * 60 * 1000 };

/** Throws a 429 in the user's language when she is over EXPORT_LIMIT. */
export async function requireExportAllowance(request: Request, user: User): Promise<void> {
  const counted = await hit(EXPORT_LIMIT, user.id);
  if (counted.allowed) return;
  const t = translator(await getLocale(request, user.locale));
  throw new Response(t("errors.tooManyExports"), {
    status: 429,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(Math.max(1, Math.ceil((counted.resetAt.getTime() - Date.now()) / 1000))),
    },
  });
}
