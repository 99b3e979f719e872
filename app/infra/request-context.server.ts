import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

// What belongs to one request while it is answered, reached from anywhere in its handling: its id
// (for the log lines) and the values read once per request (the user: Remix gives every loader of
// a page its own copy of the Request, so the Request itself cannot carry them). On globalThis,
// because the server and the Remix build each load their own copy of this module.

interface RequestContext {
  requestId: string;
  once: Map<string, unknown>;
}

const storage = singleton("request-context", () => new AsyncLocalStorage<RequestContext>());

/** Runs `next` (the rest of one request's handling) inside the request's context. */
export function withRequestId<T>(requestId: string, next: () => T): T {
  return storage.run({ requestId, once: new Map() }, next);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * `make()` once per request and key; outside a request (a job, a test calling a module) every
 * call makes its own. The key must name everything the value depends on.
 */
export function oncePerRequest<T>(key: string, make: () => T): T {
  const once = storage.getStore()?.once;
  if (!once) return make();
  if (!once.has(key)) once.set(key, make());
  return once.get(key) as T;
}
