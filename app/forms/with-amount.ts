import { formatMoney } from "../i18n/format";
import type { Locale } from "../i18n/locales";

/**
 * A message key carrying an amount already written the reader's way ("50.000.000 ₫"): the
 * decision forms and finance's forms both refuse an amount with the limit it went over.
 */
export function withAmount(key: string, name: string, amount: bigint, locale: Locale): string {
  return `${key}?${new URLSearchParams({ [name]: formatMoney(amount, locale) })}`;
}
