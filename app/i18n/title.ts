import type { MetaDescriptor } from "@remix-run/node";
import { translator, type MessageKey, type MessageParams } from "./i18n";
import { defaultLocale, isLocale, type Locale } from "./locales";

type Matches = readonly { id: string; data: unknown }[];

/** The reader's language as the root loader found it: meta runs outside React, so it reads it there. */
export function localeOf(matches: Matches): Locale {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return isLocale(locale) ? locale : defaultLocale;
}

/**
 * A page title in the reader's language: "Hồ sơ của nhóm · Gieo". Every route's `meta` uses this,
 * so a tab, a bookmark and a screen reader name the page (titles.test.ts crawls every page).
 */
export function titleFor(matches: Matches, key: MessageKey, params?: MessageParams): MetaDescriptor[] {
  return [{ title: `${translator(localeOf(matches))(key, params)} · Gieo` }];
}

/** A page named by its record (a programme, a round), in the reader's language; the key while it is missing. */
export function titleNamed(matches: Matches, names: { vi: string; en: string } | undefined, fallback: MessageKey): MetaDescriptor[] {
  const name = names?.[localeOf(matches)];
  return name ? [{ title: `${name} · Gieo` }] : titleFor(matches, fallback);
}
