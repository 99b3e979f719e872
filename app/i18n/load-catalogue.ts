import { hasMessages, registerMessages, type Catalogue } from "./i18n";
import type { Locale } from "./locales";

// How the browser gets its messages: by area (one file per area in vi/ and en/, or the whole
// catalogue as the area "all"), in the page's language only. A route asks for the areas it shows
// by importing their modules from i18n/areas/ (a route that imports none gets "all", see
// vite.config.ts); each such module waits, at its top level, until its messages are registered,
// so no page renders before its words are there. DECISIONS.md, "Lighter applicant pages".

export interface MessagesArea {
  name: string;
  /** The area's keys, on the server: the check that a page shows only the areas it asked for. */
  keys?: ReadonlySet<string>;
}

type Load = (locale: Locale) => Promise<Partial<Catalogue>>;

const known = new Map<string, { area: MessagesArea; load: Load }>();

function pageLocale(): Locale {
  return document.documentElement.lang === "en" ? "en" : "vi";
}

async function fetchArea(name: string, locale: Locale): Promise<void> {
  const entry = known.get(name);
  if (!entry || hasMessages(locale, name)) return;
  registerMessages(locale, name, await entry.load(locale));
}

/**
 * Declares an area and, in the browser, fetches it in the page's language. Called with top-level
 * await by the modules in i18n/areas/, e.g. `export const applications = await messagesArea(…)`.
 */
export async function messagesArea(name: string, load: Load): Promise<MessagesArea> {
  const area: MessagesArea = { name };
  known.set(name, { area, load });
  if (typeof document === "undefined") {
    // The server holds every message already (catalogues.server.ts); it only learns the keys.
    area.keys = new Set(Object.keys(await load("vi")));
  } else {
    await fetchArea(name, pageLocale());
  }
  return area;
}

/** Whether every area asked for so far is here in that language. */
export function hasAreas(locale: Locale): boolean {
  return [...known.keys()].every((name) => hasMessages(locale, name));
}

/** Fetches, in another language, every area asked for so far (after a change of language). */
export async function loadAreas(locale: Locale): Promise<void> {
  await Promise.all([...known.keys()].map((name) => fetchArea(name, locale)));
}
