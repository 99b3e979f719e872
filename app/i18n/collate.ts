import { defaultLocale, type Locale } from "./locales";

// One comparison for every list sorted for people in the page or on the server: Vietnamese order
// (a ă â b c d đ e ê …, marks after letters), not code-point order, which puts every "Đ…" last.

const collators = new Map<Locale, Intl.Collator>();

/** Compares two texts as a reader of `locale` orders them. */
export function compareText(a: string, b: string, locale: Locale = defaultLocale): number {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
    collators.set(locale, collator);
  }
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A copy of `items` in the reader's order of `text(item)`. */
export function sortByText<T>(items: readonly T[], text: (item: T) => string, locale: Locale = defaultLocale): T[] {
  return [...items].sort((x, y) => compareText(text(x), text(y), locale));
}
