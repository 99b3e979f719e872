import { z } from "zod";

// Building blocks for form schemas. Messages are catalogue keys, translated where they are shown,
// so one schema gives the same messages in the browser and on the server, in either language.
// A key may carry its placeholders as a query string: "errors.tooLong?max=200".

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

export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.\-()]/g, "");
  if (/^\+84\d{9}$/.test(digits)) return digits;
  if (/^84\d{9}$/.test(digits)) return `+${digits}`;
  if (/^0\d{9}$/.test(digits)) return `+84${digits.slice(1)}`;
  return null;
}

const emailPattern = z.email();

export function isEmail(value: string): boolean {
  return emailPattern.safeParse(value).success;
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
    .transform((s) => (s && s.startsWith("/") && !s.startsWith("//") && !s.includes("\\") ? s : "/"));
