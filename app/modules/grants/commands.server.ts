import { eq } from "drizzle-orm";
import { grants } from "../../../db/schema";
import type { FieldErrors } from "../../forms/parse-form.server";
import { db, type DbOrTx } from "../../infra/db.server";
import type { User } from "../users/users.server";
import type { GrantStatus } from "./transitions";

// What the grant's commands share: who acts, how they answer, and the locked grant row.

export interface Actor {
  user: User;
  ip: string;
}

export type CommandResult<N extends string = never> =
  | { ok: true; notice: N }
  | { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors };

/** Thrown inside a transaction to roll it back and answer with messages. */
export class Refusal extends Error {
  constructor(readonly result: Extract<CommandResult, { ok: false }>) {
    super("grant command refused");
  }
}

export const refuse = (status: 400 | 403 | 404 | 409, errors: FieldErrors): never => {
  throw new Refusal({ ok: false, status, errors });
};

/** Runs a command in one transaction; a refusal rolls everything back and becomes its answer. */
export async function run<N extends string>(work: (tx: DbOrTx) => Promise<N>): Promise<CommandResult<N>> {
  try {
    return { ok: true, notice: await db.transaction(work) };
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    throw error;
  }
}

/**
 * The grant's row, locked until the transaction ends: two acceptances (a double click, the leader
 * and her facilitator at once) or an acceptance and a cancellation are served one after the other,
 * and the second sees what the first did.
 */
export async function lockGrant(tx: DbOrTx, grantId: string) {
  const [row] = await tx
    .select({ id: grants.id, status: grants.status, groupId: grants.groupId, applicationId: grants.applicationId })
    .from(grants)
    .where(eq(grants.id, grantId))
    .for("update");
  return row ? { ...row, status: row.status as GrantStatus } : null;
}
