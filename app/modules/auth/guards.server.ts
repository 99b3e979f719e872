import { redirect } from "@remix-run/node";
import { readSession } from "../../infra/session.server";
import { allows, hasPermission, type Access, type Permission } from "./permissions";
import { findUserById, type User } from "../users/users.server";

/** The signed-in user, or null. A disabled user has no live session. */
export async function getUser(request: Request): Promise<User | null> {
  const session = await readSession(request);
  if (!session) return null;
  const user = await findUserById(session.userId);
  return user && !user.disabled ? user : null;
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
