import type { Locale } from "../../i18n/locales";

// Scores are read to one decimal, with the reader's decimal mark ("71,3" / "71.3"); they are
// points, not money, so a float is fine here.

const formats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }),
};

export function formatScore(value: number | null | undefined, locale: Locale): string {
  return value === null || value === undefined ? "—" : formats[locale].format(value);
}
