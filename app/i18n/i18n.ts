import type { Locale } from "./locales";
import type { vi } from "./vi";

export type MessageKey = keyof typeof vi;
export type MessageParams = Record<string, string | number>;
export type Catalogue = Record<MessageKey, string>;

// Catalogues are registered, not imported here: the server registers both languages whole
// (catalogues.server.ts); the browser registers, in the page's language only, the areas of the
// catalogue the page's modules asked for (load-catalogue.ts), which keeps the other language and
// the other pages' messages out of every phone's download.
const catalogues: Record<Locale, Partial<Catalogue>> = { vi: {}, en: {} };
const registered: Record<Locale, Set<string>> = { vi: new Set(), en: new Set() };

/** Adds one area of a language's catalogue ("applications"), or the whole of it ("all"). */
export function registerMessages(locale: Locale, area: string, messages: Partial<Catalogue>): void {
  Object.assign(catalogues[locale], messages);
  registered[locale].add(area);
}

export function registerCatalogue(locale: Locale, messages: Catalogue): void {
  registerMessages(locale, "all", messages);
}

/** Whether that area (or the whole catalogue) of that language is here. */
export function hasMessages(locale: Locale, area: string): boolean {
  return registered[locale].has(area) || registered[locale].has("all");
}

function catalogueFor(locale: Locale): Partial<Catalogue> {
  // Until a page's own language arrives (a navigation into the other language), the other serves.
  if (registered[locale].size > 0) return catalogues[locale];
  const other = locale === "vi" ? "en" : "vi";
  if (registered[other].size > 0) return catalogues[other];
  throw new Error("No message catalogue is registered");
}

export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  /** For keys that arrive as data (validation messages, notices); unknown keys show as-is. */
  dynamic(key: string, params?: MessageParams): string;
  locale: Locale;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

// "{count, plural, one {# application} other {# applications}}": the form the language's plural
// rules choose for the number ("#" stands for it), as ICU messages write it. Vietnamese nouns do
// not change with the number, so its catalogue needs none; English does.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const PLURAL_CHOICE = /(=\d+|zero|one|two|few|many|other) \{((?:[^{}]|\{\w+\})*)\}/g;

function fill(template: string, params: MessageParams | undefined, locale: Locale): string {
  if (!params) return template;
  const chosen = template.replace(PLURAL, (whole, name: string, choices: string) => {
    if (!(name in params)) return whole;
    const count = Number(params[name]);
    const forms = new Map([...choices.matchAll(PLURAL_CHOICE)].map((m) => [m[1], m[2]]));
    const form = forms.get(`=${count}`) ?? forms.get(pluralCategory(locale, count)) ?? forms.get("other") ?? "";
    return form.replace(/#/g, String(params[name]));
  });
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  const any = registered.vi.size > 0 ? catalogues.vi : catalogues.en;
  return Object.prototype.hasOwnProperty.call(any, key);
}

/**
 * The translator for one language. `onLookup` hears of every key looked up (use-t.ts checks them
 * on the server); a key that is not registered (in the browser: of an area the page did not ask
 * for) is shown as it is.
 */
export function translator(locale: Locale, onLookup?: (key: string) => void): Translate {
  const catalogue = catalogueFor(locale);
  const lookup = (key: string): string | undefined => {
    onLookup?.(key);
    return (catalogue as Record<string, string | undefined>)[key];
  };
  const t = ((key: MessageKey, params?: MessageParams) => fill(lookup(key) ?? key, params, locale)) as Translate;
  t.dynamic = (message, params) => {
    // Validation messages carry their placeholders: "errors.tooLong?max=200".
    const [key, query] = message.split("?", 2);
    const all = query ? { ...Object.fromEntries(new URLSearchParams(query)), ...params } : params;
    if (!isMessageKey(key)) return message;
    const found = lookup(key);
    return found === undefined ? message : fill(found, all, locale);
  };
  t.locale = locale;
  return t;
}

export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}
