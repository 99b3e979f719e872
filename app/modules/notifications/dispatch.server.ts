import { randomUUID } from "node:crypto";
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { outbox } from "../../../db/schema";
import { decrypt, encrypt } from "../../infra/crypto.server";
import { db } from "../../infra/db.server";
import { logger } from "../../infra/logger.server";
import { sendMail } from "../../infra/mail.server";
import { PhoneSendError, sendSms, smsConfigured } from "../../infra/sms.server";
import { sendZalo, zaloConfigured } from "../../infra/zalo.server";
import { LINK_SECRET, secretAt } from "./notifications.server";
import { smsCost } from "./phone-texts.server";
import { getEnv } from "../../infra/env.server";
import { isQuietHour, parseQuietHours } from "./quiet-hours";

/** Attempts before a message is given up as failed (shown in the outbox page). */
export const MAX_ATTEMPTS = 6;
/** 1 min, 2, 4, 8, 16: a mail server or a gateway that is down for a while gets time to recover. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}
// A message still "sending" after this long belonged to a process that died mid-send.
const STUCK_AFTER_MS = 15 * 60 * 1000;

type Row = typeof outbox.$inferSelect;
type Channel = Row["channel"];

/**
 * Sends what is due on every channel this server has settings for (e-mail when given a transport,
 * SMS and Zalo when configured). Each message is claimed (status "sending") in its own committed
 * transaction before the provider is called, with SKIP LOCKED, so two dispatchers on two servers
 * never claim the same row. Between 21:00 and 07:00 only e-mail and one-time codes go.
 */
export async function dispatchOutbox(email: Transporter | null, options: { batch?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const result = { sent: 0, retried: 0, failed: 0, fellBack: 0 };
  const channels: Channel[] = [...(email ? (["email"] as const) : []), ...(smsConfigured() ? (["sms"] as const) : []), ...(zaloConfigured() ? (["zalo"] as const) : [])];
  if (channels.length === 0) return result;
  await releaseStuck(now);

  for (let i = 0; i < (options.batch ?? 50); i++) {
    const claimed = await claimNext(channels, now);
    if (!claimed) break;
    // The recipient's copy alone carries the live link or code; the stored message keeps its placeholder.
    const secret = claimed.secretEnc ? decrypt(claimed.secretEnc, secretAt(claimed.id)) : null;
    const reveal = (body: string) => (secret ? body.replaceAll(LINK_SECRET, secret) : body);
    try {
      const sent = await send(claimed, reveal, email);
      await markSent(claimed.id, sent.providerRef);
      result.sent++;
    } catch (error) {
      const outcome = await recordFailure(claimed, error, now);
      result[outcome]++;
    }
  }
  return result;
}

// Stuck rows: a process died between claiming a message and recording what became of it. An
// SMS is tried again (eSMS refuses a RequestId it already took, so it cannot go twice); an e-mail
// or a Zalo message, whose providers keep no such key, is marked failed for a person to check.
async function releaseStuck(now: Date): Promise<void> {
  const stuck = and(eq(outbox.status, "sending"), lt(outbox.nextAttemptAt, new Date(now.getTime() - STUCK_AFTER_MS)));
  await db.update(outbox).set({ status: "pending", nextAttemptAt: now }).where(and(stuck, eq(outbox.channel, "sms")));
  await db
    .update(outbox)
    .set({ status: "failed", lastError: "interrupted while sending; check whether it arrived", secretEnc: null })
    .where(and(stuck, inArray(outbox.channel, ["email", "zalo"])));
}

async function claimNext(channels: Channel[], now: Date): Promise<Row | null> {
  const quiet = isQuietHour(now, parseQuietHours(getEnv().PHONE_QUIET_HOURS));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.status, "pending"),
          lte(outbox.nextAttemptAt, now),
          inArray(outbox.channel, channels),
          quiet ? or(eq(outbox.channel, "email"), eq(outbox.urgent, true)) : undefined,
        ),
      )
      .orderBy(outbox.nextAttemptAt)
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return null;
    await tx
      .update(outbox)
      .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now })
      .where(eq(outbox.id, row.id));
    return { ...row, attempts: row.attempts + 1 };
  });
}

async function send(row: Row, reveal: (s: string) => string, email: Transporter | null): Promise<{ providerRef: string | null }> {
  if (row.channel === "sms") {
    const text = reveal(row.text);
    return sendSms({ id: row.id, phone: row.toAddress, text, unicode: smsCost(text).unicode });
  }
  if (row.channel === "zalo") {
    const params = Object.fromEntries(Object.entries(row.params ?? {}).map(([k, v]) => [k, reveal(v)]));
    return sendZalo({ id: row.id, phone: row.toAddress, template: row.template, params });
  }
  await sendMail(email!, { id: row.id, to: row.toAddress, subject: row.subject, html: reveal(row.html), text: reveal(row.text) });
  return { providerRef: null };
}

async function markSent(id: string, providerRef: string | null): Promise<void> {
  // A delivery receipt may have come before this (the provider is quick, the commit slow): it
  // stays "delivered". The secret is forgotten, as nobody needs it again.
  await db
    .update(outbox)
    .set({
      status: sql`case when ${outbox.status} = 'sending' then 'sent'::outbox_status else ${outbox.status} end`,
      sentAt: new Date(),
      lastError: null,
      secretEnc: null,
      providerRef,
    })
    .where(eq(outbox.id, id));
}

/**
 * After a failed send: try again later (a busy or silent provider), give up (a refusal, or too many
 * tries), or, for Zalo, hand the notice to SMS. Zalo's own refusals and errors mean it was not
 * sent, so the SMS never doubles it; when Zalo did not answer at all it may have arrived, and then
 * neither Zalo nor SMS is tried again (the message is marked for a person to check).
 */
async function recordFailure(row: Row, error: unknown, now: Date): Promise<"retried" | "failed" | "fellBack"> {
  const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
  const phoneError = error instanceof PhoneSendError ? error : null;
  logger.warn("message not sent", { id: row.id, channel: row.channel, attempts: row.attempts, error: message });

  if (row.channel === "zalo") {
    const fallBack = !phoneError?.unknown && row.fallbackText !== null && smsConfigured();
    await db.transaction(async (tx) => {
      await tx
        .update(outbox)
        .set({ status: "failed", lastError: phoneError?.unknown ? `${message}; it may have arrived` : message, secretEnc: null })
        .where(eq(outbox.id, row.id));
      if (!fallBack) return;
      const secret = row.secretEnc ? decrypt(row.secretEnc, secretAt(row.id)) : null;
      const id = randomUUID();
      await tx
        .insert(outbox)
        .values({
          id,
          channel: "sms",
          template: row.template,
          toAddress: row.toAddress,
          subject: "",
          html: "",
          text: row.fallbackText!,
          segments: smsCost(row.fallbackText!, LINK_SECRET).segments,
          urgent: row.urgent,
          fallbackOf: row.id,
          secretEnc: secret ? encrypt(secret, secretAt(id)) : null,
          nextAttemptAt: now,
        })
        .onConflictDoNothing();
    });
    return fallBack ? "fellBack" : "failed";
  }

  const giveUp = row.attempts >= MAX_ATTEMPTS || phoneError?.kind === "refused";
  await db
    .update(outbox)
    .set({
      status: giveUp ? "failed" : "pending",
      lastError: message,
      ...(giveUp ? { secretEnc: null } : {}),
      nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
    })
    .where(eq(outbox.id, row.id));
  return giveUp ? "failed" : "retried";
}
