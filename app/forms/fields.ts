import { z } from "zod";
import { isEmail, isIsoDate, isIsoDateTime, isMoneyText, isoDateFromInput, isoDateTimeFromInput, normalizePhone, safeRedirectPath } from "./fields-mini";

export { isEmail, normalizePhone };

// Building blocks for form schemas in zod's classic API, for the schemas not yet written with
// fields-mini.ts (which new schemas, and every form an applicant sees, use: a page that imports
// this file downloads all of classic zod). Messages are catalogue keys, translated where they are
// shown, so one schema gives the same messages in the browser and on the server, in either
// language. A key may carry its placeholders as a query string: "errors.tooLong?max=200".

const NUL = "\u0000";

/** Free text, trimmed; NUL bytes are refused (PostgreSQL cannot store them in text). */
export function text({ max = 200, required = true }: { max?: number; required?: boolean } = {}) {
  const base = z
    .string({ error: "errors.required" })
    .trim()
    // One spelling per letter: some phone keyboards send Vietnamese marks as separate characters.
    .overwrite((s) => s.normalize("NFC"))
    .refine((s) => !s.includes(NUL), { error: "errors.invalidCharacters" })
    .refine((s) => s.length <= max, { error: `errors.tooLong?max=${max}` });
  // An optional field may be left out of the post altogether (a disabled input, an old form).
  return required ? base.refine((s) => s.length > 0, { error: "errors.required" }) : base.default("");
}

export const email = () =>
  text({ max: 254 })
    .refine((s) => s.length === 0 || isEmail(s), { error: "errors.emailInvalid" })
    .transform((s) => s.toLowerCase());

export const optionalEmail = () =>
  text({ max: 254, required: false })
    .refine((s) => s.length === 0 || isEmail(s), { error: "errors.emailInvalid" })
    .transform((s) => (s ? s.toLowerCase() : undefined));

/** A Vietnamese mobile number in any usual writing (0912 345 678, +84 912…), stored as +84…. */
export const optionalPhone = () =>
  text({ max: 30, required: false })
    .refine((s) => s.length === 0 || normalizePhone(s) !== null, { error: "errors.phoneInvalid" })
    .transform((s) => (s ? (normalizePhone(s) ?? undefined) : undefined));

/** E-mail or phone, as typed on the log-in form. */
export const identifier = () =>
  text({ max: 254 })
    .refine((s) => s.length === 0 || isEmail(s) || normalizePhone(s) !== null, {
      error: "errors.identifierInvalid",
    })
    .transform((s) => (isEmail(s) ? s.toLowerCase() : (normalizePhone(s) ?? s)));

export const newPassword = () =>
  z
    .string({ error: "errors.required" })
    .refine((s) => s.length > 0, { error: "errors.required" })
    .refine((s) => s.length === 0 || s.length >= 8, { error: "errors.passwordTooShort" })
    .refine((s) => s.length <= 128, { error: "errors.tooLong?max=128" })
    .refine((s) => !s.includes(NUL), { error: "errors.invalidCharacters" });

export const currentPassword = () =>
  z
    .string({ error: "errors.required" })
    .refine((s) => s.length > 0, { error: "errors.required" })
    .refine((s) => s.length <= 128, { error: "errors.tooLong?max=128" })
    .refine((s) => !s.includes(NUL), { error: "errors.invalidCharacters" });

/** A path inside this site to go back to after log-in; anything else becomes "/". */
export const redirectPath = () =>
  z
    .string()
    .optional()
    .transform(safeRedirectPath);

/**
 * An amount of money in whole đồng as people type it: "50000000", "50.000.000", "50 000 000" or
 * "50,000,000". Negative, fractional ("1,5"), exponent ("5e7") and absurd (over 15 digits) amounts
 * are refused; the result is a bigint, never a float.
 */
export function money({ required = true }: { required?: boolean } = {}) {
  return z
    .string({ error: "errors.required" })
    .trim()
    .refine((s) => !required || s.length > 0, { error: "errors.required" })
    .refine((s) => s.length === 0 || isMoneyText(s), { error: "errors.moneyInvalid" })
    .transform((s) => s.replace(/[.,\s]/g, ""))
    .refine((s) => s.length <= 15, { error: "errors.moneyTooLarge" })
    .transform((s) => (s.length === 0 ? null : BigInt(s)));
}

/** A whole number within bounds, typed as text ("12"). */
export function wholeNumber({ min, max, required = true }: { min: number; max: number; required?: boolean }) {
  return z
    .string({ error: "errors.required" })
    .trim()
    .refine((s) => !required || s.length > 0, { error: "errors.required" })
    .refine((s) => s.length === 0 || /^\d{1,9}$/.test(s), { error: "errors.wholeNumber" })
    .transform((s) => (s.length === 0 ? null : Number(s)))
    .refine((n) => n === null || (n >= min && n <= max), { error: `errors.between?min=${min}&max=${max}` });
}

/** A date typed in a date input (yyyy-mm-dd) or as dd/mm/yyyy. */
export function dateOnly({ required = true }: { required?: boolean } = {}) {
  return z
    .string({ error: "errors.required" })
    .trim()
    .refine((s) => !required || s.length > 0, { error: "errors.required" })
    .transform(isoDateFromInput)
    .refine((s) => s.length === 0 || isIsoDate(s), { error: "errors.dateInvalid" })
    .transform((s) => (s.length === 0 ? null : s));
}

/** A date and time from a datetime-local input, read as Viet Nam time (UTC+7, no daylight saving). */
export function dateTimeVn() {
  return z
    .string({ error: "errors.required" })
    .trim()
    .refine((s) => s.length > 0, { error: "errors.required" })
    .transform(isoDateTimeFromInput)
    .refine(isIsoDateTime, { error: "errors.dateInvalid" })
    .transform((s) => new Date(`${s}:00+07:00`));
}
