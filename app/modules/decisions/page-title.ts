import type { MetaDescriptor } from "@remix-run/node";
import { translator, type MessageKey } from "../../i18n/i18n";
import { isLocale } from "../../i18n/locales";

/** A page title in the reader's language: meta runs outside React, so it reads the root's locale. */
export function pageTitle(matches: readonly { id: string; data: unknown }[], key: MessageKey): MetaDescriptor[] {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return [{ title: `${translator(isLocale(locale) ? locale : "vi")(key)} · Gieo` }];
}
