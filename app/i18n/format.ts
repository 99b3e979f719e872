import { toCardinal as enWords } from "n2words/en-US";
import { toCardinal as viWords } from "n2words/vi-VN";
import type { Locale } from "./locales";

// Programme staff read dates in Viet Nam's time, whatever the server's zone.
const timeZone = "Asia/Ho_Chi_Minh";

const intlLocale: Record<Locale, string> = { vi: "vi-VN", en: "en-US" };

/**
 * "50.000.000 ₫" in Vietnamese, "₫50,000,000" in English. `amount` is in the currency's smallest
 * unit (đồng for VND, which has no minor unit); bigint goes straight to Intl, never via a float.
 */
export function formatMoney(amount: bigint | number, locale: Locale, currency = "VND"): string {
  const format = moneyFormat(locale, currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  if (digits === 0) return format.format(amount);
  // Currencies with minor units: move the decimal point in integer arithmetic, then format.
  const value = BigInt(amount);
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value < 0n ? -value : value) % scale;
  return format.format(`${whole}.${fraction.toString().padStart(digits, "0")}` as unknown as number);
}

// Building an Intl formatter is costly (milliseconds); long lists and exports format thousands of
// dates, so each formatter is made once.
const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** dd/mm/yyyy in both languages, as Vietnamese forms and banks write dates. */
export function formatDate(date: Date | string, _locale?: Locale): string {
  const parts = dateFormat.formatToParts(new Date(date));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")}`;
}

/** dd/mm/yyyy hh:mm, for logs and timelines. */
export function formatDateTime(date: Date | string, locale?: Locale): string {
  const time = timeFormat.format(new Date(date));
  return `${formatDate(date, locale)} ${time}`;
}

/** "năm mươi triệu đồng" / "fifty million dong": shown under every amount a person types or reads. */
export function amountInWords(amount: bigint | number, locale: Locale): string {
  const value = BigInt(amount);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  if (locale === "vi") return `${negative ? "âm " : ""}${viWords(absolute)} đồng`;
  return `${negative ? "minus " : ""}${enWords(absolute)} dong`;
}

/** Money with its words, the way SPEC.md asks amounts to be shown to applicants. */
export function formatMoneyWithWords(amount: bigint | number, locale: Locale): string {
  return `${formatMoney(amount, locale)} — ${amountInWords(amount, locale)}`;
}

/**
 * A stored phone (+84987111222, or 84987111222 as the SMS and Zalo gateways take it) as people
 * write it: "0987 111 222". Anything else (an e-mail address) unchanged.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const national = /^\+?84(\d{9})$/.exec(phone)?.[1];
  return national ? `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}` : phone;
}
