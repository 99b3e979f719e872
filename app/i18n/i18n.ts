import type { Locale } from "./locales";
import type { vi } from "./vi";

export type MessageKey = keyof typeof vi;
export type MessageParams = Record<string, string | number>;
export type Catalogue = Record<MessageKey, string>;

// Catalogues are registered, not imported here: the server registers both languages
// (catalogues.server.ts), the browser only the page's own (entry.client.tsx), which keeps the
// other language out of every phone's download.
const catalogues: Partial<Record<Locale, Catalogue>> = {};

export function registerCatalogue(locale: Locale, messages: Catalogue): void {
  catalogues[locale] = messages;
}

export function hasCatalogue(locale: Locale): boolean {
  return Boolean(catalogues[locale]);
}

function catalogueFor(locale: Locale): Catalogue {
  const catalogue = catalogues[locale] ?? catalogues.vi ?? catalogues.en;
  if (!catalogue) throw new Error("No message catalogue is registered");
  return catalogue;
}

export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  /** For keys that arrive as data (validation messages, notices); unknown keys show as-is. */
  dynamic(key: string, params?: MessageParams): string;
  locale: Locale;
}

function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isMessageKey(key: string): key is MessageKey {
  const any = catalogues.vi ?? catalogues.en;
  return Boolean(any) && Object.prototype.hasOwnProperty.call(any, key);
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogueFor(locale);
  const t = ((key: MessageKey, params?: MessageParams) => fill(catalogue[key], params)) as Translate;
  t.dynamic = (message, params) => {
    // Validation messages carry their placeholders: "errors.tooLong?max=200".
    const [key, query] = message.split("?", 2);
    const all = query ? { ...Object.fromEntries(new URLSearchParams(query)), ...params } : params;
    return isMessageKey(key) ? fill(catalogue[key], all) : message;
  };
  t.locale = locale;
  return t;
}

export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale] ?? {});
}
