import { en } from "./en";
import type { Locale } from "./locales";
import { vi } from "./vi";

export type MessageKey = keyof typeof vi;
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };

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
  return Object.prototype.hasOwnProperty.call(vi, key);
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
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
  return Object.keys(catalogues[locale]);
}
