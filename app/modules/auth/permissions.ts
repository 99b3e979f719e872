// Safe on the client: the navigation shows only what a role may use.

import type { Role } from "../../kernel/actor";

export { roles, type Role } from "../../kernel/actor";
/** Roles an admin grants by invitation; "applicant" is for group leaders who register. */
export const staffRoles = ["facilitator", "reviewer", "finance", "admin"] as const satisfies readonly Role[];

/** Which roles hold each permission. Guards ask for a permission, never for a role by name. */
export const permissionRoles = {
  "manage:users": ["admin"],
  "read:outbox": ["admin"],
  "read:audit": ["admin"],
  // Money (SPEC.md step 8): finance prepares, a second finance user approves, finance pays.
  "prepare:disbursement": ["finance"],
  "approve:disbursement": ["finance"],
  "pay:disbursement": ["finance"],
  "read:finance": ["finance", "admin"],
  "manage:stripe-accounts": ["finance"],
  // An admin may mark a tranche's report condition met by hand until outcome reports exist.
  "manage:grants": ["admin"],
  // Outcome reports (SPEC.md step 9): programme staff approve them or ask for changes, and set the
  // reporting rules (income sanity bound, reminder lead time).
  "review:reports": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;

export function hasPermission(userRoles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissionRoles[permission];
  return userRoles.some((role) => allowed.includes(role));
}

/**
 * Who may use a route, declared in each route's `handle`: "public" (anyone, signed in or not),
 * "signed-in" (any role), or the list of roles. The route-access test checks every route's real
 * answers against this declaration.
 */
export type Access = "public" | "signed-in" | readonly Role[];

export interface RouteHandle {
  access: Access;
}

export function allows(access: Access, userRoles: readonly Role[] | null): boolean {
  if (access === "public") return true;
  if (!userRoles) return false;
  if (access === "signed-in") return true;
  return userRoles.some((role) => access.includes(role));
}
