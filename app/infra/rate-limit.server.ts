import { createHash } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { db } from "./db.server";

// Rate limits on the database, atomic across parallel requests and servers (DECISIONS.md 33).
// Each attempt is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`: PostgreSQL serialises the
// upserts of one key on its row, so 30 attempts at once get the counts 1 to 30 and only those
// within the limit go on. (rate-limiter-flexible's PostgreSQL store needs node-postgres, Knex,
// Sequelize, TypeORM or Prisma; this app speaks postgres-js and PGlite.)

export interface Limit {
  /** What is limited, e.g. "login:account+ip". */
  name: string;
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

export interface Hit {
  allowed: boolean;
  hits: number;
  /** When the window ends and the count starts again. */
  resetAt: Date;
}

/** Keys may hold an e-mail address or an IP: only a digest of them is stored. */
function keyOf(limit: Limit, subject: string): string {
  return `${limit.name}:${createHash("sha256").update(subject.toLowerCase()).digest("base64url").slice(0, 32)}`;
}

/** Counts one attempt against `limit` for `subject`, and says whether it may go on. */
export async function hit(limit: Limit, subject: string): Promise<Hit> {
  const key = keyOf(limit, subject);
  const windowSeconds = limit.windowMs / 1000;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, hits: 1, resetAt: sql`now() + make_interval(secs => ${windowSeconds})` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.hits} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= now() then now() + make_interval(secs => ${windowSeconds}) else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ hits: rateLimits.hits, resetAt: rateLimits.resetAt });
  // Now and then, the windows long over go: no job to schedule, and the table stays small.
  if (Math.random() < 0.01) await db.delete(rateLimits).where(lt(rateLimits.resetAt, sql`now() - interval '1 day'`));
  return { allowed: row.hits <= limit.max, hits: row.hits, resetAt: row.resetAt };
}

/** Counts one attempt against every limit; allowed only if all allow it. All are counted. */
export async function hitAll(checks: [Limit, string][]): Promise<Hit> {
  const hits = await Promise.all(checks.map(([limit, subject]) => hit(limit, subject)));
  const refused = hits.filter((h) => !h.allowed);
  if (refused.length === 0) return hits[0];
  return refused.reduce((a, b) => (a.resetAt > b.resetAt ? a : b));
}

/** Forgets the count (a successful log-in clears its own account and address's failures). */
export async function clear(limit: Limit, subject: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${keyOf(limit, subject)}`);
}

/** Gives one attempt back (a log-in that succeeded is not an attempt to hold against the address). */
export async function refund(limit: Limit, subject: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(sql`${rateLimits.key} = ${keyOf(limit, subject)}`);
}
