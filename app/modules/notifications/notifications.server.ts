import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { and, count, desc, eq, getTableColumns, isNull, lt, lte, sql } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import type { Transporter } from "nodemailer";
import { notifications, outbox } from "../../../db/schema";
import { emailTemplates, type EmailPropsByName, type EmailTemplateName } from "../../../emails";
import { decrypt, encrypt, sealedAt } from "../../infra/crypto.server";
import { db, type DbOrTx } from "../../infra/db.server";
import { logger } from "../../infra/logger.server";
import { sendMail } from "../../infra/mail.server";
import "../../i18n/catalogues.server";
import type { Locale } from "../../i18n/locales";

export async function renderEmail<N extends EmailTemplateName>(
  template: N,
  props: Omit<EmailPropsByName[N], "locale">,
  locale: Locale,
) {
  const entry = emailTemplates[template];
  const full = { ...props, locale } as EmailPropsByName[N];
  const element = createElement(entry.component as ComponentType<EmailPropsByName[N]>, full);
  const [html, text] = await Promise.all([render(element), // No wrapping: a link broken over two lines does not work when copied.
    render(element, { plainText: true, htmlToTextOptions: { wordwrap: false } }),
  ]);
  return { subject: (entry.subject as (p: EmailPropsByName[N]) => string)(full), html, text };
}

/** One person a notice reaches, with every address they can be reached at. */
export interface Recipient {
  /** Their account; null for an address with no account yet (an invitation). */
  userId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
}

/**
 * Who hears of something. The module that owns the people exports its audiences (the groups
 * module: a group's people; the users module: the holders of a role, one user); a notice names one.
 */
export type Audience = (tx: DbOrTx) => Promise<Recipient[]>;

type Params = Record<string, string>;

/** What happened, to whom, and what each channel says of it. Channels are chosen here, per person. */
export interface Notice<N extends EmailTemplateName = EmailTemplateName> {
  to: Audience | readonly Recipient[];
  /** The person whose act caused it hears nothing of their own act. */
  except?: string | null;
  /** The in-app notice: a catalogue key, shown in the reader's language. */
  inApp?: { messageKey: string; params?: Params | ((r: Recipient) => Params); link?: string | null };
  /** The e-mail, for those with an address: a React Email template (emails/). */
  email?: {
    template: N;
    props: (r: Recipient) => Omit<EmailPropsByName[N], "locale">;
    /** A one-time token: the message shows LINK_SECRET where it goes, and only the sent copy has it. */
    secret?: string;
  };
}

/**
 * Tells an audience what happened, inside the caller's transaction: if the change rolls back, so
 * does every notice, and if it commits, every message will be sent. Each person gets the in-app
 * notice (when they have an account) and the e-mail when they have an address.
 */
export async function tell<N extends EmailTemplateName>(tx: DbOrTx, notice: Notice<N>): Promise<void> {
  const people = typeof notice.to === "function" ? await notice.to(tx) : notice.to;
  const seen = new Set<string>();
  for (const person of people) {
    const key = person.userId ?? `address:${person.email ?? person.phone ?? ""}`;
    if (seen.has(key) || (notice.except && person.userId === notice.except)) continue;
    seen.add(key);
    if (notice.inApp && person.userId) {
      const params = typeof notice.inApp.params === "function" ? notice.inApp.params(person) : notice.inApp.params;
      await tx.insert(notifications).values({
        userId: person.userId,
        messageKey: notice.inApp.messageKey,
        params: params ?? {},
        link: notice.inApp.link ?? null,
      });
    }
    if (notice.email && person.email) {
      const { template, props, secret } = notice.email;
      await queueEmail(tx, { to: person.email, locale: person.locale, template, props: props(person), secret });
    }
  }
}

/** An audience of one address that has no account (yet): an invitation, a first message. */
export function address(to: { name: string; email: string; locale: Locale }): Recipient[] {
  return [{ userId: null, name: to.name, email: to.email, phone: null, locale: to.locale }];
}

/**
 * Where a one-time link's token goes in a message: the message is stored with this instead, and
 * the token, sealed, beside it (`secret`). Admins read the outbox (and without SMTP it is where
 * messages wait): a live invitation or reset link there would let one admin take over another's
 * account (issue 18, item 5). Only the recipient's copy, made as it is sent, carries the token.
 */
export const LINK_SECRET = "__link-masked__";

const secretAt = (id: string) => sealedAt("outbox", "secret_enc", id);

/** One e-mail into the outbox, in the caller's transaction (for `tell`, which picks the channels). */
async function queueEmail<N extends EmailTemplateName>(
  tx: DbOrTx,
  mail: { to: string; locale: Locale; template: N; props: Omit<EmailPropsByName[N], "locale">; secret?: string },
): Promise<void> {
  const rendered = await renderEmail(mail.template, mail.props, mail.locale);
  const id = randomUUID();
  if (mail.secret && (!rendered.text.includes(LINK_SECRET) || `${rendered.html}${rendered.text}`.includes(mail.secret))) {
    // A template that prints the token itself, or drops its placeholder, would leak or lose it.
    throw new Error(`${mail.template}: a message with a secret must show LINK_SECRET where the secret goes`);
  }
  await tx.insert(outbox).values({
    id,
    channel: "email",
    template: mail.template,
    toAddress: mail.to,
    ...rendered,
    secretEnc: mail.secret ? encrypt(mail.secret, secretAt(id)) : null,
  });
}

export async function countUnread(userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export function listNotifications(userId: string, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Marks one of the user's own notices read; someone else's id changes nothing. */
export async function markRead(userId: string, id: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
}

export const OUTBOX_PAGE_SIZE = 50;

// What the outbox pages read: everything but the sealed secret, which is only ever for sending.
const { secretEnc: _secret, ...readable } = getTableColumns(outbox);

export function listOutbox(page: number) {
  return db
    .select(readable)
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(OUTBOX_PAGE_SIZE + 1)
    .offset((page - 1) * OUTBOX_PAGE_SIZE);
}

export async function findOutboxMessage(id: string) {
  const [row] = await db.select(readable).from(outbox).where(eq(outbox.id, id)).limit(1);
  return row ?? null;
}

/** Attempts before a message is given up as failed (shown in the outbox page). */
export const MAX_ATTEMPTS = 6;
/** 1 min, 2, 4, 8, 16: a mail server that is down for a while gets time to recover. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}
// A message still "sending" after this long belonged to a process that died mid-send. Whether
// it left is unknown, so it is marked failed for a person to check rather than sent again.
const STUCK_AFTER_MS = 15 * 60 * 1000;

/**
 * Sends what is due. Each message is claimed (status "sending") in its own committed transaction
 * before the SMTP call, with SKIP LOCKED so that two dispatchers on two servers never claim the
 * same row: a message is sent at most once, and retried only after a clear refusal.
 */
export async function dispatchOutbox(transport: Transporter, options: { batch?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const result = { sent: 0, retried: 0, failed: 0 };
  await db
    .update(outbox)
    .set({ status: "failed", lastError: "interrupted while sending; check whether it arrived" })
    .where(and(eq(outbox.status, "sending"), lt(outbox.nextAttemptAt, new Date(now.getTime() - STUCK_AFTER_MS))));

  for (let i = 0; i < (options.batch ?? 50); i++) {
    const claimed = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
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
    if (!claimed) break;
    try {
      // The recipient's copy alone carries the live link; the stored message keeps its placeholder.
      const secret = claimed.secretEnc ? decrypt(claimed.secretEnc, secretAt(claimed.id)) : null;
      const reveal = (body: string) => (secret ? body.replaceAll(LINK_SECRET, secret) : body);
      await sendMail(transport, {
        id: claimed.id,
        to: claimed.toAddress,
        subject: claimed.subject,
        html: reveal(claimed.html),
        text: reveal(claimed.text),
      });
      // Sent: the secret is forgotten, as nobody needs it again.
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: new Date(), lastError: null, secretEnc: null })
        .where(eq(outbox.id, claimed.id));
      result.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      const giveUp = claimed.attempts >= MAX_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          status: giveUp ? "failed" : "pending",
          lastError: message,
          ...(giveUp ? { secretEnc: null } : {}),
          nextAttemptAt: new Date(now.getTime() + backoffMs(claimed.attempts)),
        })
        .where(eq(outbox.id, claimed.id));
      if (giveUp) result.failed++;
      else result.retried++;
      logger.warn("mail not sent", { id: claimed.id, attempts: claimed.attempts, error: message });
    }
  }
  return result;
}
