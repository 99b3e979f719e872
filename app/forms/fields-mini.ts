import * as z from "zod/mini";
import "./zod-config";

// Building blocks for form schemas, in zod/mini: the same checks as zod's classic API, written as
// functions so that a page downloads only the ones its forms use (DECISIONS.md, "Lighter applicant
// pages"). Messages are catalogue keys, translated where they are shown, so one schema gives the
// same messages in the browser and on the server, in either language. A key may carry its
// placeholders as a query string: "errors.tooLong?max=200".
//
// fields.ts has the classic-API versions of these builders, for schemas not moved yet; both read
// the rules below, so a phone number or an amount is checked the same way by either.

const NUL = "\u0000";

/**
 * A Vietnamese mobile number as +84xxxxxxxxx, from any usual writing: 0912 345 678, 0912.345.678,
 * +84 912 345 678, 84912345678. Mobile numbers have ten digits and start 03, 05, 07, 08 or 09
 * (since the 2018 renumbering); landlines (02…) and foreign numbers cannot receive our texts.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.\-()]/g, "");
  const national = /^\+84\d{9}$/.test(digits) ? digits.slice(3) : /^84\d{9}$/.test(digits) ? digits.slice(2) : /^0\d{9}$/.test(digits) ? digits.slice(1) : null;
  return national && /^[35789]/.test(national) ? `+84${national}` : null;
}

export function isEmail(value: string): boolean {
  return z.regexes.email.test(value);
}

/** Whole đồng as people type them: "50000000", "50.000.000", "50 000 000", "50,000,000". */
export function isMoneyText(s: string): boolean {
  return /^\d{1,3}([.,\s]\d{3})*$|^\d+$/.test(s);
}

/** dd/mm/yyyy (as typed where there is no date picker) as yyyy-mm-dd; anything else unchanged. */
export function isoDateFromInput(s: string): string {
  const dmy = s.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  return dmy ? `${dmy[3]}-${dmy[2].padStart(2, "0")}-${dmy[1].padStart(2, "0")}` : s;
}

/** "01/03/2027 08:00" → "2027-03-01T08:00"; an ISO value (or anything else) unchanged. */
export function isoDateTimeFromInput(s: string): string {
  const dmy = s.match(/^(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}):(\d{2})$/);
  return dmy ? `${isoDateFromInput(dmy[1])}T${dmy[2].padStart(2, "0")}:${dmy[3]}` : s;
}

/**
 * A stored day (2027-03-01) or moment (2027-03-01T08:00) as the date fields show it, day first as
 * their hint says: "01/03/2027", "01/03/2027 08:00". Typed text is left as typed.
 */
export function asDayMonthYear(s: string): string {
  const iso = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/);
  if (!iso) return s;
  return `${iso[3]}/${iso[2]}/${iso[1]}${iso[4] ? ` ${iso[4]}` : ""}`;
}

/**
 * A real calendar day as yyyy-mm-dd. `Date.parse` alone is not enough: V8 reads "2026-02-30" as
 * 2 March, and PostgreSQL then refuses the value (a 500). The day must come back unchanged.
 */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const time = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === s;
}

/** A real date and minute as yyyy-mm-ddThh:mm (a datetime-local input), same rule as isIsoDate. */
export function isIsoDateTime(s: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/.exec(s);
  return match !== null && isIsoDate(match[1]);
}

const OWN = "http://gieo.invalid";

/**
 * A clean path inside this site to send someone to after log-in or a change of language, or "/"
 * for anything else: another site ("//host", "https://…"), a backslash (browsers read it as a
 * slash), any control character (browsers drop TAB and LF from URLs, so "/\t/evil.example" is
 * "//evil.example"; CR and LF would split the Location header), or whatever a URL parser resolves
 * to another origin. The answer is the parsed path, percent-encoded, so it is always a valid
 * header value. The one function for every redirect target that comes from the user.
 */
export function safeRedirectPath(s: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!s || s.length > 2000 || !s.startsWith("/") || s.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(s)) return "/";
  try {
    const url = new URL(s, OWN);
    return url.origin === OWN ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

const required = (s: string) => s.length > 0;

/** Free text, trimmed; NUL bytes are refused (PostgreSQL cannot store them in text). */
export function text(options?: { max?: number; required?: true }): z.ZodMiniString<string>;
export function text(options: { max?: number; required: false }): z.ZodMiniDefault<z.ZodMiniString<string>>;
export function text(options?: {
  max?: number;
  required?: boolean;
}): z.ZodMiniString<string> | z.ZodMiniDefault<z.ZodMiniString<string>>;
export function text({
  max = 200,
  required: isRequired = true,
}: { max?: number; required?: boolean } = {}): z.ZodMiniString<string> | z.ZodMiniDefault<z.ZodMiniString<string>> {
  const base = z.string({ error: "errors.required" }).check(
    z.trim(),
    // One spelling per letter: some phone keyboards send Vietnamese marks as separate characters.
    z.overwrite((s) => s.normalize("NFC")),
    z.refine((s) => !s.includes(NUL), { error: "errors.invalidCharacters" }),
    z.refine((s) => s.length <= max, { error: `errors.tooLong?max=${max}` }),
  );
  // An optional field may be left out of the post altogether (a disabled input, an old form).
  return isRequired ? base.check(z.refine(required, { error: "errors.required" })) : z._default(base, "");
}

export const email = () =>
  z.pipe(
    text({ max: 254 }).check(z.refine((s) => s.length === 0 || isEmail(s), { error: "errors.emailInvalid" })),
    z.transform((s: string) => s.toLowerCase()),
  );

export const optionalEmail = () =>
  z.pipe(
    text({ max: 254, required: false }).check(z.refine((s) => s.length === 0 || isEmail(s), { error: "errors.emailInvalid" })),
    z.transform((s: string) => (s ? s.toLowerCase() : undefined)),
  );

/** A Vietnamese mobile number in any usual writing (0912 345 678, +84 912…), stored as +84…. */
export const optionalPhone = () =>
  z.pipe(
    text({ max: 30, required: false }).check(
      z.refine((s) => s.length === 0 || normalizePhone(s) !== null, { error: "errors.phoneInvalid" }),
    ),
    z.transform((s: string) => (s ? (normalizePhone(s) ?? undefined) : undefined)),
  );

/** A Vietnamese mobile number, required, stored as +84…. */
export const phone = () =>
  z.pipe(
    text({ max: 30 }).check(z.refine((s) => s.length === 0 || normalizePhone(s) !== null, { error: "errors.phoneInvalid" })),
    z.transform((s: string) => normalizePhone(s) ?? s),
  );

/** The six digits of a one-time code, as typed (spaces allowed: "123 456"). */
export const oneTimeCode = () =>
  z.pipe(
    text({ max: 20 }).check(z.refine((s) => s.length === 0 || /^\d{6}$/.test(s.replace(/\s/g, "")), { error: "errors.codeInvalid" })),
    z.transform((s: string) => s.replace(/\s/g, "")),
  );

/**
 * A box that may be left unticked: "yes" when ticked (its value), "no" otherwise. Without
 * JavaScript an unticked box posts nothing; in the browser react-hook-form reads it as false.
 */
export const tick = () => z.pipe(z.optional(z.unknown()), z.transform((v): "yes" | "no" => (v === "yes" ? "yes" : "no")));

/** E-mail or phone, as typed on the log-in form. */
export const identifier = () =>
  z.pipe(
    text({ max: 254 }).check(
      z.refine((s) => s.length === 0 || isEmail(s) || normalizePhone(s) !== null, { error: "errors.identifierInvalid" }),
    ),
    z.transform((s: string) => (isEmail(s) ? s.toLowerCase() : (normalizePhone(s) ?? s))),
  );

export const newPassword = () =>
  z.string({ error: "errors.required" }).check(
    z.refine(required, { error: "errors.required" }),
    z.refine((s) => s.length === 0 || s.length >= 8, { error: "errors.passwordTooShort" }),
    z.refine((s) => s.length <= 128, { error: "errors.tooLong?max=128" }),
    z.refine((s) => !s.includes(NUL), { error: "errors.invalidCharacters" }),
  );

export const currentPassword = () =>
  z.string({ error: "errors.required" }).check(
    z.refine(required, { error: "errors.required" }),
    z.refine((s) => s.length <= 128, { error: "errors.tooLong?max=128" }),
    z.refine((s) => !s.includes(NUL), { error: "errors.invalidCharacters" }),
  );

/** A path inside this site to go back to after log-in; anything else becomes "/". */
export const redirectPath = () =>
  z.pipe(z.optional(z.string({ error: "errors.invalid" })), z.transform((s: string | undefined) => safeRedirectPath(s)));

/**
 * An amount of money in whole đồng as people type it: "50000000", "50.000.000", "50 000 000" or
 * "50,000,000". Negative, fractional ("1,5"), exponent ("5e7") and absurd (over 15 digits) amounts
 * are refused; the result is a bigint, never a float.
 */
export function money({ required: isRequired = true }: { required?: boolean } = {}) {
  const typed = z.string({ error: "errors.required" }).check(
    z.trim(),
    z.refine((s) => !isRequired || s.length > 0, { error: "errors.required" }),
    z.refine((s) => s.length === 0 || isMoneyText(s), { error: "errors.moneyInvalid" }),
  );
  const digits = z.pipe(typed, z.transform((s: string) => s.replace(/[.,\s]/g, ""))).check(
    z.refine((s) => s.length <= 15, { error: "errors.moneyTooLarge" }),
  );
  return z.pipe(digits, z.transform((s: string) => (s.length === 0 ? null : BigInt(s))));
}

/** A whole number within bounds, typed as text ("12"). */
export function wholeNumber({ min, max, required: isRequired = true }: { min: number; max: number; required?: boolean }) {
  const typed = z.string({ error: "errors.required" }).check(
    z.trim(),
    z.refine((s) => !isRequired || s.length > 0, { error: "errors.required" }),
    z.refine((s) => s.length === 0 || /^\d{1,9}$/.test(s), { error: "errors.wholeNumber" }),
  );
  return z.pipe(typed, z.transform((s: string) => (s.length === 0 ? null : Number(s)))).check(
    z.refine((n) => n === null || (n >= min && n <= max), { error: `errors.between?min=${min}&max=${max}` }),
  );
}

/** A date typed in a date input (yyyy-mm-dd) or as dd/mm/yyyy. */
export function dateOnly({ required: isRequired = true }: { required?: boolean } = {}) {
  const typed = z.string({ error: "errors.required" }).check(
    z.trim(),
    z.refine((s) => !isRequired || s.length > 0, { error: "errors.required" }),
  );
  const iso = z.pipe(typed, z.transform(isoDateFromInput)).check(
    z.refine((s) => s.length === 0 || isIsoDate(s), { error: "errors.dateInvalid" }),
  );
  return z.pipe(iso, z.transform((s: string) => (s.length === 0 ? null : s)));
}
