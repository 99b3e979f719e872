import { roles } from "../../db/schema/enums";
import type { Locale } from "../i18n/locales";

// Who acts. Safe on the client: pages ask the state machines what this person may do next.

export { roles };
export type Role = (typeof roles)[number];

/** A signed-in person as every module sees them (never their password hash). */
export interface User {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  roles: Role[];
  disabled: boolean;
}

/**
 * Who did something: the person; the entity they acted for when it is not themselves (a
 * facilitator filling a group's form writes "group:<id>"); and from where, for the audit log.
 */
export interface Actor {
  user: User;
  onBehalfOf?: string | null;
  ip: string;
}

/** The actor of a route's command: the signed-in user and the request's address. */
export function actorOf(user: User, ip: string, onBehalfOf: string | null = null): Actor {
  return { user, ip, onBehalfOf };
}
