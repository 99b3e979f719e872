import { inArray } from "drizzle-orm";
import { contactPreferences, type phoneChannels } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { smsConfigured } from "../../infra/sms.server";
import { zaloConfigured } from "../../infra/zalo.server";
import { appendConsent, consenting } from "../consents/ledger.server";
import { todayVn } from "../consents/purposes";

export type PhoneChannel = (typeof phoneChannels)[number];

export interface ContactPreferences {
  phoneChannel: PhoneChannel;
  email: boolean;
  phoneAgreedAt: Date | null;
}

/** Without a choice of her own: e-mail when she has an address; nothing by phone until she agrees. */
export const DEFAULT_PREFERENCES: ContactPreferences = { phoneChannel: "none", email: true, phoneAgreedAt: null };

export async function preferencesOf(tx: DbOrTx, userIds: readonly string[]): Promise<Map<string, ContactPreferences>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select().from(contactPreferences).where(inArray(contactPreferences.userId, [...userIds]));
  // The consent ledger has the last word: a withdrawal recorded there (by her or for her) stops
  // every SMS and Zalo notice, whatever channel she once chose.
  const agreed = await consenting(tx, "user", rows.map((r) => r.userId), "notices");
  return new Map(
    rows.map((r) => [r.userId, { phoneChannel: r.phoneChannel, email: r.email, phoneAgreedAt: agreed.has(r.userId) ? r.phoneAgreedAt : null }]),
  );
}

export async function preferencesFor(userId: string, tx: DbOrTx = db): Promise<ContactPreferences> {
  return (await preferencesOf(tx, [userId])).get(userId) ?? DEFAULT_PREFERENCES;
}

/**
 * Saves a person's choice. Choosing a phone channel is her agreement to phone notices, dated the
 * first time (a later change between Zalo and SMS keeps that date); choosing "none" withdraws it.
 * Either is her own online consent event for the notices purpose in the consent ledger.
 */
export async function setPreferences(
  tx: DbOrTx,
  userId: string,
  choice: { phoneChannel: PhoneChannel; email: boolean },
  now = new Date(),
): Promise<ContactPreferences> {
  const before = await preferencesFor(userId, tx);
  const phoneAgreedAt = choice.phoneChannel === "none" ? null : (before.phoneAgreedAt ?? now);
  const values = { ...choice, phoneAgreedAt, updatedAt: now };
  const agreedBefore = (await consenting(tx, "user", [userId], "notices")).has(userId);
  if (agreedBefore !== (phoneAgreedAt !== null)) {
    await appendConsent(tx, { subjectKind: "user", subjectId: userId, purpose: "notices", given: !agreedBefore, way: "online", saidOn: todayVn(now), recordedBy: userId });
  }
  await tx
    .insert(contactPreferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: contactPreferences.userId, set: values });
  return { ...choice, phoneAgreedAt };
}

/** Which phone channels this server can use now (each is off without its settings). */
export function phoneChannelsOn(): { sms: boolean; zalo: boolean } {
  return { sms: smsConfigured(), zalo: zaloConfigured() };
}

/** How a notice reaches a person, in the order it is tried: what staff see for each account. */
export type Reach = "in_app" | "email" | "zalo" | "sms";

export function reachOf(
  person: { email: string | null; phone: string | null },
  prefs: ContactPreferences,
  on = phoneChannelsOn(),
): Reach[] {
  const reach: Reach[] = ["in_app"];
  if (person.email && prefs.email) reach.push("email");
  if (person.phone && prefs.phoneAgreedAt) {
    if (prefs.phoneChannel === "zalo" && on.zalo) reach.push("zalo");
    if ((prefs.phoneChannel === "sms" || prefs.phoneChannel === "zalo") && on.sms) reach.push("sms");
  }
  return reach;
}
