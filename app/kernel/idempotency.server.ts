import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { idempotencyKeys } from "../../db/schema";
import { db, type DbOrTx } from "../infra/db.server";
import { submissionScope } from "../infra/submission-scope.server";
import { IDEMPOTENCY_FIELD, IDEMPOTENCY_KEY_PATTERN } from "./idempotency";

// Send once (DECISIONS.md 54). Every posted form carries a key made when its page was rendered.
// The HTTP layer opens a scope per request; the one form reader (forms/parse-form.server.ts)
// notes the key and a hash of what was posted; the guard notes who is signed in; and the command
// kernel's `run` claims the key inside its own transaction. The first transaction to commit
// records the command's answer with its writes; every replay of the same key and data reads that
// answer and writes nothing. A refused command rolls back its claim too, so a corrected form can
// be sent again with the same key.

/** How long an answer is kept: longer than a phone keeps an unsent form (offline queue). */
export const KEY_LIFETIME_DAYS = 30;

/**
 * Takes the key out of a posted form (so no schema ever sees it) and notes it with a hash of the
 * rest: each field in the order posted, a file by its name, type and bytes. The same form sent
 * again hashes the same whatever multipart boundary the browser chose.
 */
export async function noteSubmission(form: FormData): Promise<void> {
  const raw = form.get(IDEMPOTENCY_FIELD);
  form.delete(IDEMPOTENCY_FIELD);
  const scope = submissionScope();
  if (!scope || typeof raw !== "string" || !IDEMPOTENCY_KEY_PATTERN.test(raw)) return;
  const hash = createHash("sha256");
  for (const [name, value] of form.entries()) {
    hash.update(`${name.length}:${name}=`);
    if (typeof value === "string") {
      hash.update(`s${value.length}:${value}\n`);
    } else {
      const bytes = createHash("sha256").update(new Uint8Array(await value.arrayBuffer())).digest("hex");
      hash.update(`f${value.name.length}:${value.name}:${value.type}:${bytes}\n`);
    }
  }
  scope.key = raw;
  scope.hash = hash.digest("hex");
}

/** Who is signed in for this request (modules/auth/guards.server.ts), so a key is one person's. */
export function noteSubmitter(userId: string | null): void {
  const scope = submissionScope();
  if (scope && scope.userId === undefined) scope.userId = userId;
}

export interface Claim {
  key: string;
  seq: number;
  hash: string;
  userId: string | null;
}

/** The key this command runs under, or null when the request carried none. */
export function nextClaim(): Claim | null {
  const scope = submissionScope();
  if (!scope?.key || !scope.hash) return null;
  scope.runs += 1;
  return { key: scope.key, seq: scope.runs, hash: scope.hash, userId: scope.userId ?? null };
}

export type Claimed = { first: true } | { first: false; sameRequest: boolean; result: unknown };

/**
 * Claims the key inside the command's transaction. A concurrent claim of the same key waits on
 * the unique key until the first transaction ends: committed, this one reads its answer; rolled
 * back, this one claims it instead.
 */
export async function claimKey(tx: DbOrTx, claim: Claim): Promise<Claimed> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      key: claim.key,
      seq: claim.seq,
      userId: claim.userId,
      requestHash: claim.hash,
      result: {},
      expiresAt: sql`now() + make_interval(days => ${KEY_LIFETIME_DAYS})`,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { first: true };
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.seq, claim.seq)));
  const sameRequest = row.requestHash === claim.hash && (row.userId ?? null) === claim.userId;
  return { first: false, sameRequest, result: sameRequest ? revive(row.result) : null };
}

export async function recordAnswer(tx: DbOrTx, claim: Claim, answer: object): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ result: freeze(answer) })
    .where(and(eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.seq, claim.seq)));
}

// Answers hold bigints (money) and dates; JSON holds neither, so both travel tagged.
function freeze(answer: object): unknown {
  return JSON.parse(
    JSON.stringify(answer, function (this: Record<string, unknown>, name, value: unknown) {
      const original = this[name];
      if (typeof original === "bigint") return { $bigint: original.toString() };
      if (original instanceof Date) return { $date: original.toISOString() };
      return value;
    }),
  );
}

function revive(stored: unknown): unknown {
  return JSON.parse(JSON.stringify(stored), (_name, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const tagged = value as { $bigint?: unknown; $date?: unknown };
      if (typeof tagged.$bigint === "string" && Object.keys(value).length === 1) return BigInt(tagged.$bigint);
      if (typeof tagged.$date === "string" && Object.keys(value).length === 1) return new Date(tagged.$date);
    }
    return value;
  });
}

/** The job runner's cleanup: answers past their lifetime. */
export async function deleteExpiredKeys(): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql`now()`)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
