import { SegmentedMessage } from "sms-segments-calculator";
import { translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import type { sms } from "../../i18n/vi/sms";
import "../../i18n/catalogues.server";

/** A text for phones: its words are `sms.<name>` in the catalogues; ZNS knows it as the template `<name>`. */
export type PhoneTextName = keyof typeof sms extends `sms.${infer N}` ? N : never;

interface PhoneTextSpec {
  /** SMS segments it may cost (each billed): the accented text if it fits, else the unaccented. */
  segments: number;
  /** The most characters each parameter keeps (a group name of 200 characters is cut, with "…"). */
  params: Record<string, number>;
}

const GROUP = 32;
const TITLE = 40;
const REPORT = 24;

/**
 * Every phone text with its budget. `phone-texts.test.ts` renders each with the longest values
 * its parameters keep, in both languages, and fails when one costs more than its budget, or when
 * its Zalo form is longer than ZNS's 400 characters.
 */
export const phoneTexts: Record<PhoneTextName, PhoneTextSpec> = {
  "agreement-ready": { segments: 3, params: { group: GROUP, title: TITLE, amount: 20 } },
  "application-received": { segments: 2, params: { group: GROUP, title: TITLE } },
  "clarification-asked": { segments: 2, params: { group: GROUP, title: TITLE } },
  "code-login": { segments: 1, params: { code: 6, minutes: 2 } },
  "code-reset": { segments: 1, params: { code: 6, minutes: 2 } },
  "decision-rejected": { segments: 2, params: { group: GROUP, title: TITLE } },
  "decision-waitlisted": { segments: 2, params: { group: GROUP, title: TITLE } },
  handover: { segments: 2, params: { by: 24, group: GROUP, code: 6 } },
  "money-sent": { segments: 3, params: { amount: 20, words: 130, group: GROUP } },
  "report-approved": { segments: 2, params: { group: GROUP, report: REPORT } },
  "report-changes": { segments: 2, params: { group: GROUP, report: REPORT } },
  "report-due-soon": { segments: 2, params: { group: GROUP, report: REPORT, date: 10 } },
  "report-overdue": { segments: 2, params: { group: GROUP, report: REPORT, date: 10 } },
  "screening-eligible": { segments: 2, params: { group: GROUP, title: TITLE } },
  "screening-ineligible": { segments: 2, params: { group: GROUP, title: TITLE } },
};

/** ZNS refuses a message longer than this, template and parameters together. */
export const ZALO_MAX_CHARS = 400;

/** What stands in for a one-time code while the text is counted (the stored text has a placeholder). */
const CODE_STAND_IN = "000000";

/** Cuts a value to `max` characters, marking the cut. */
function clip(value: string, max: number): string {
  const chars = [...value.trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

/**
 * The text without Vietnamese marks, and with the few other characters GSM-7 lacks replaced, so
 * that it is counted and sent as GSM-7 (160 characters a segment instead of 70).
 */
export function unaccented(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/₫/g, "VND")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, "-")
    .replace(/…/g, "...");
}

export interface RenderedPhoneText {
  /** As sent by SMS. */
  sms: string;
  /** As shown for Zalo (ZNS fills the approved template with `params`). */
  zalo: string;
  params: Record<string, string>;
  unicode: boolean;
  segments: number;
}

/** What an SMS costs: its segments, and whether it goes as UCS-2 (`code` is counted as six digits). */
export function smsCost(text: string, code?: string) {
  const message = new SegmentedMessage(code ? text.replaceAll(code, CODE_STAND_IN) : text);
  return { segments: message.segmentsCount, unicode: message.getEncodingName() !== "GSM-7" };
}

/**
 * Renders a phone text in the reader's language: parameters cut to their lengths; the SMS with
 * its marks when that fits the budget, else without them. `code` names a placeholder value that
 * is counted as a six-digit code.
 */
export function renderPhoneText(
  name: PhoneTextName,
  values: Record<string, string>,
  locale: Locale,
  code?: string,
): RenderedPhoneText {
  const spec = phoneTexts[name];
  const params = Object.fromEntries(
    Object.entries(spec.params).map(([key, max]) => [key, values[key] === code ? (code ?? "") : clip(values[key] ?? "", max)]),
  );
  const zalo = translator(locale).dynamic(`sms.${name}`, params);
  const accented = smsCost(zalo, code);
  if (accented.segments <= spec.segments) return { sms: zalo, zalo, params, ...accented };
  const plain = unaccented(zalo);
  return { sms: plain, zalo, params, ...smsCost(plain, code) };
}
