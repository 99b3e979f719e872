import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, eq, gt, lt, or } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { db, type DbOrTx } from "./db.server";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** …and in any case this long after log-in. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
// Writing last_seen on every request would turn each page view into a write; a few minutes'
// precision is plenty for a seven-day idle limit.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

function sessionCookie() {
  return singleton("session-cookie", () => {
    const env = getEnv();
    return createCookie("gieo_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.cookieSecure,
      path: "/",
      // Signed with every secret; the first signs, the others still verify (rotation).
      secrets: env.sessionSecrets,
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });
  });
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export interface SessionInfo {
  id: string;
  userId: string;
}

/** The live session named by the request's cookie, or null. Expired sessions are ignored. */
export async function readSession(request: Request): Promise<SessionInfo | null> {
  const token = await readToken(request);
  if (!token) return null;
  const id = hashToken(token);
  const now = new Date();
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { id: row.id, userId: row.userId };
}

/** Starts a session for the user and returns the Set-Cookie header that carries it. */
export async function startSession(
  tx: DbOrTx,
  userId: string,
  meta: { ip?: string; userAgent?: string | null },
): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await tx.insert(sessions).values({
    id: hashToken(token),
    userId,
    expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300),
  });
  return sessionCookie().serialize(token);
}

/** Ends the request's session on the server (if any) and returns a Set-Cookie that clears it. */
export async function endSession(request: Request, tx: DbOrTx = db): Promise<string> {
  const token = await readToken(request);
  if (token) await tx.delete(sessions).where(eq(sessions.id, hashToken(token)));
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function endAllSessionsOf(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past either limit; run from the periodic jobs. */
export async function deleteExpiredSessions(): Promise<void> {
  const now = new Date();
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))));
}
