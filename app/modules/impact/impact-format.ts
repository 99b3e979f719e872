import { formatMoney } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";

// Safe on the client: how the dashboard writes percentages and changes.

const intlLocale: Record<Locale, string> = { vi: "vi-VN", en: "en-US" };
const formats = new Map<string, Intl.NumberFormat>();

function format(locale: Locale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale}:${key}`;
  let f = formats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale[locale], options);
    formats.set(id, f);
  }
  return f;
}

/** 26.5 → "+26,5%" (vi) / "+26.5%" (en); `signed` adds the plus of a rise. */
export function formatPercent(value: number, locale: Locale, options: { signed?: boolean; digits?: number } = {}): string {
  const digits = options.digits ?? 1;
  return format(locale, `pct${digits}${options.signed ? "s" : ""}`, {
    style: "percent",
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
    signDisplay: options.signed ? "exceptZero" : "auto",
  }).format(value / 100);
}

/** A share of a count as a percentage ("79%"), or "—" when there is nothing to share. */
export function formatShare(part: number, whole: number, locale: Locale): string {
  return whole > 0 ? formatPercent((100 * part) / whole, locale, { digits: 1 }) : "—";
}

/** A change in đồng with its sign: "+406.000 ₫", "−53.500 ₫". */
export function formatChange(amount: bigint, locale: Locale): string {
  if (amount > 0n) return `+${formatMoney(amount, locale)}`;
  if (amount < 0n) return `−${formatMoney(-amount, locale)}`;
  return formatMoney(0n, locale);
}

/** Axis labels: "1,6 Tr" / "1.6M". */
export function formatCompact(value: number, locale: Locale): string {
  return format(locale, "compact", { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

export function formatCount(value: number, locale: Locale): string {
  return format(locale, "count", { maximumFractionDigits: 0 }).format(value);
}
