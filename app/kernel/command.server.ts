import { db, type DbOrTx } from "../infra/db.server";
import { claimKey, nextClaim, recordAnswer } from "./idempotency.server";
import { TransitionRefused } from "./machine";
import type { CommandResult, FieldErrors, Refused, RefusalStatus } from "./result";

// How a command runs: one transaction, and a refusal anywhere inside it rolls everything back
// and becomes the answer. Modules import these; none keeps a copy.

/** Thrown inside a command's transaction to roll it back and answer with messages. */
export class Refusal extends Error {
  readonly result: Refused;
  constructor(status: RefusalStatus, errors: FieldErrors) {
    super(`command refused (${status}): ${Object.values(errors).join(", ")}`);
    this.result = { ok: false, status, errors };
  }
}

export function refuse(status: RefusalStatus, errors: FieldErrors): never {
  throw new Refusal(status, errors);
}

/** A refusal of the whole form (no field to point at). */
export function refuseAll(status: RefusalStatus, messageKey: string): never {
  throw new Refusal(status, { "": messageKey });
}

/**
 * The name of the database rule that refused a statement (a CHECK, a unique key, or a trigger's
 * RAISE … USING CONSTRAINT), whichever driver raised it and however deeply it is wrapped: Drizzle
 * wraps postgres-js and PGlite errors in its own, with the original as `cause`.
 */
export function constraintViolated(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 10; depth++) {
    const e = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof e.code === "string" && /^23/.test(e.code)) {
      const name = e.constraint ?? e.constraint_name;
      return typeof name === "string" && name ? name : null;
    }
    current = e.cause;
  }
  return null;
}

/** The PostgreSQL error code (SQLSTATE) somewhere in the cause chain, e.g. "40001". */
export function databaseErrorCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 10; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export interface RunOptions {
  /** The database's own rules that this command may meet, by constraint name, as answers. */
  constraints?: Record<string, Refused | ((error: unknown) => Refused)>;
}

/**
 * Runs `work` in one transaction. A `Refusal`, a refused transition (409) or one of the named
 * database constraints rolls it back and comes back as a refusal; anything else is a real fault
 * and is thrown.
 */
export async function run<T extends object>(
  work: (tx: DbOrTx) => Promise<T>,
  options: RunOptions = {},
): Promise<CommandResult<T>> {
  // A form's idempotency key (DECISIONS.md 54): claimed in this transaction, so the answer is
  // recorded exactly when the writes are; a replay gets the first answer and writes nothing.
  const claim = nextClaim();
  try {
    if (!claim) return { ok: true, ...(await db.transaction(work)) } as CommandResult<T>;
    return {
      ok: true,
      ...(await db.transaction(async (tx) => {
        const claimed = await claimKey(tx, claim);
        if (!claimed.first) {
          if (!claimed.sameRequest) refuseAll(409, "offline.keyReused");
          return claimed.result as T;
        }
        const answer = await work(tx);
        await recordAnswer(tx, claim, answer);
        return answer;
      })),
    } as CommandResult<T>;
  } catch (error) {
    const refused = refusalOf(error, options);
    if (refused) return refused;
    throw error;
  }
}

/** The clean answer an error stands for, or null when it is a real fault. */
export function refusalOf(error: unknown, options: RunOptions = {}): Refused | null {
  if (error instanceof Refusal) return error.result;
  if (error instanceof TransitionRefused) return { ok: false, status: 409, errors: { "": error.messageKey } };
  const constraint = constraintViolated(error);
  const answer = constraint ? options.constraints?.[constraint] : undefined;
  if (answer) return typeof answer === "function" ? answer(error) : answer;
  return null;
}
