import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { and, count, desc, eq, getTableColumns, gte, inArray, isNull, sql } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import { notifications, outbox, outboxChannels } from "../../../db/schema";
import { emailTemplates, type EmailPropsByName, type EmailTemplateName } from "../../../emails";
import { encrypt, sealedAt } from "../../infra/crypto.server";
import { db, type DbOrTx } from "../../infra/db.server";
import { smsConfigured } from "../../infra/sms.server";
import { zaloHasTemplate } from "../../infra/zalo.server";
import "../../i18n/catalogues.server";
import type { Locale } from "../../i18n/locales";
import { renderPhoneText, type PhoneTextName } from "./phone-texts.server";
import { DEFAULT_PREFERENCES, preferencesOf, type ContactPreferences } from "./preferences.server";

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
  /**
   * The text for her phone, by Zalo or SMS as she chose (and agreed to): `sms.<text>` in the
   * catalogues, which is also the name of its approved ZNS template.
   */
  phone?: {
    text: PhoneTextName;
    params: (r: Recipient) => Params;
    /**
     * A one-time code she asked for: it goes at any hour and whatever her choice of channels (Zalo
     * if it can, else SMS), and the outbox keeps LINK_SECRET where it goes (the `code` parameter).
     */
    code?: string;
  };
}

/**
 * Tells an audience what happened, inside the caller's transaction: if the change rolls back, so
 * does every notice, and if it commits, every message will be sent. Each person gets the in-app
 * notice (when they have an account) and the e-mail when they have an address.
 */
export async function tell<N extends EmailTemplateName>(tx: DbOrTx, notice: Notice<N>): Promise<void> {
  const people = typeof notice.to === "function" ? await notice.to(tx) : notice.to;
  const preferences = await preferencesOf(tx, people.flatMap((p) => (p.userId ? [p.userId] : [])));
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
    const prefs = (person.userId && preferences.get(person.userId)) || DEFAULT_PREFERENCES;
    if (notice.email && person.email && prefs.email) {
      const { template, props, secret } = notice.email;
      await queueEmail(tx, { to: person.email, locale: person.locale, template, props: props(person), secret });
    }
    if (notice.phone && person.phone) {
      const channel = phoneChannelFor(notice.phone.text, prefs, Boolean(notice.phone.code));
      if (channel) await queuePhone(tx, channel, person, notice.phone);
    }
  }
}

/**
 * Zalo when she chose it and Zalo has the template; SMS when she chose either and SMS is on;
 * nothing when she has not agreed to phone notices (a code she asked for goes all the same).
 */
function phoneChannelFor(text: PhoneTextName, prefs: ContactPreferences, code: boolean): "zalo" | "sms" | null {
  const wants = code ? "zalo" : prefs.phoneAgreedAt ? prefs.phoneChannel : "none";
  if (wants === "none") return null;
  if (wants === "zalo" && zaloHasTemplate(text)) return "zalo";
  return smsConfigured() ? "sms" : null;
}

/** Phones are stored as +84…; the providers take 84…. */
export function providerPhone(phone: string): string {
  return phone.replace(/^\+/, "");
}

async function queuePhone(
  tx: DbOrTx,
  channel: "zalo" | "sms",
  person: Recipient,
  phone: NonNullable<Notice["phone"]>,
): Promise<void> {
  const values = { ...phone.params(person), ...(phone.code ? { code: LINK_SECRET } : {}) };
  const rendered = renderPhoneText(phone.text, values, person.locale, phone.code ? LINK_SECRET : undefined);
  const id = randomUUID();
  await tx.insert(outbox).values({
    id,
    channel,
    template: phone.text,
    toAddress: providerPhone(person.phone!),
    subject: "",
    html: "",
    text: channel === "zalo" ? rendered.zalo : rendered.sms,
    params: channel === "zalo" ? rendered.params : null,
    segments: channel === "sms" ? rendered.segments : null,
    fallbackText: channel === "zalo" ? rendered.sms : null,
    urgent: Boolean(phone.code),
    secretEnc: phone.code ? encrypt(phone.code, secretAt(id)) : null,
  });
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

export const secretAt = (id: string) => sealedAt("outbox", "secret_enc", id);

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

export const OUTBOX_CHANNELS = outboxChannels;
type OutboxChannel = (typeof outboxChannels)[number];

/** A channel named in a query string, or null for "all" (anything unknown included). */
export function outboxChannel(value: string | null): OutboxChannel | null {
  return outboxChannels.includes(value as OutboxChannel) ? (value as OutboxChannel) : null;
}

// What the outbox pages read: everything but the sealed secret, which is only ever for sending.
const { secretEnc: _secret, ...readable } = getTableColumns(outbox);

export function listOutbox(page: number, channel: OutboxChannel | null = null) {
  return db
    .select(readable)
    .from(outbox)
    .where(channel ? eq(outbox.channel, channel) : undefined)
    .orderBy(desc(outbox.createdAt))
    .limit(OUTBOX_PAGE_SIZE + 1)
    .offset((page - 1) * OUTBOX_PAGE_SIZE);
}

export async function findOutboxMessage(id: string) {
  const [row] = await db.select(readable).from(outbox).where(eq(outbox.id, id)).limit(1);
  return row ?? null;
}

/** What the admin's outbox page sums up: messages per channel and state, SMS segments this month. */
export async function outboxSummary(now = new Date()) {
  // The month as Viet Nam counts it (UTC+7), which is how the provider bills.
  const local = new Date(now.getTime() + 7 * 3_600_000);
  const monthStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 7 * 3_600_000);
  const byState = await db
    .select({ channel: outbox.channel, status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.channel, outbox.status);
  const [segments] = await db
    .select({ n: sql<number>`coalesce(sum(${outbox.segments}), 0)::int` })
    .from(outbox)
    .where(
      and(eq(outbox.channel, "sms"), inArray(outbox.status, ["sent", "delivered", "undelivered"]), gte(outbox.createdAt, monthStart)),
    );
  return { byState, segmentsThisMonth: segments?.n ?? 0 };
}
