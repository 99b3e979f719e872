import type { FieldErrors } from "../../forms/parse-form.server";
import { db, type DbOrTx } from "../../infra/db.server";
import type { User } from "../users/users.server";

// What the report's commands share: who acts, how they answer, one transaction each.

/** Who did something: the person, the group when a facilitator acted for it, and from where. */
export interface Actor {
  user: User;
  onBehalfOf: string | null;
  ip: string;
}

export type CommandResult<N extends string = never> =
  | { ok: true; notice: N }
  | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

/** Thrown inside a transaction to roll it back and answer with messages. */
class Refusal extends Error {
  constructor(readonly result: Extract<CommandResult, { ok: false }>) {
    super("outcome report command refused");
  }
}

export const refuse = (status: 400 | 404 | 409, errors: FieldErrors): never => {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | undefined | null): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
