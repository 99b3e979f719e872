import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

// One scope per request, opened by the HTTP layer, in which the command kernel finds the form's
// idempotency key, the hash of what was posted and who posted it (kernel/idempotency.server.ts).

export interface SubmissionScope {
  key?: string;
  hash?: string;
  userId?: string | null;
  /** Commands run so far in this request: the second `run` of an action claims key #2. */
  runs: number;
}

const scopes = singleton("submission-scope", () => new AsyncLocalStorage<SubmissionScope>());

/** Runs one request's handling inside its own scope. */
export function withSubmissionScope<T>(next: () => T): T {
  return scopes.run({ runs: 0 }, next);
}

export function submissionScope(): SubmissionScope | undefined {
  return scopes.getStore();
}
