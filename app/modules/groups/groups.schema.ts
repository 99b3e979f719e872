import * as z from "zod/mini";
import { dateOnly, oneTimeCode, phone, text, wholeNumber } from "../../forms/fields-mini";
import { isUuid } from "../../kernel/ids";

// Safe on the client: the same schemas give the browser's instant messages and the server's check.

export const groupKinds = ["informal", "cooperative", "womens_union", "other"] as const;
export type GroupKind = (typeof groupKinds)[number];

export const genders = ["female", "male", "other"] as const;
export type Gender = (typeof genders)[number];

/**
 * A member's role in the group. "leader" is what the eligibility check reads: a group needs at
 * least one woman whose role is leader (SPEC.md step 4).
 */
export const memberRoles = ["leader", "deputy_leader", "treasurer", "secretary", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const consentMethods = ["signed", "oral_witnessed"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** The select's value for "prefer not to say": stored as null. */
export const PREFER_NOT_TO_SAY = "none";

const thisYear = () => new Date().getFullYear();

/** One of a fixed list, from a select or radio buttons: empty is "required", anything else "invalid". */
function choice<const T extends readonly [string, ...string[]]>(values: T) {
  const typed = z.string({ error: "errors.required" }).check(
    z.refine((s) => s.length > 0, { error: "errors.required" }),
    z.refine((s) => s.length === 0 || (values as readonly string[]).includes(s), { error: "errors.invalid" }),
  );
  return z.pipe(typed, z.transform((s: string) => s as T[number]));
}

/** A code from reference data (province slug, ethnic-group code); the server checks it exists. */
function referenceCode() {
  return z.string({ error: "errors.required" }).check(
    z.refine((s) => s.length > 0, { error: "errors.required" }),
    z.refine((s) => s.length === 0 || /^[a-z0-9-]{1,40}$/.test(s), { error: "errors.invalid" }),
  );
}

/** Digits only once spaces, dots and dashes are gone: Vietnamese bank accounts have 6 to 19. */
export function normalizeBankAccount(raw: string): string {
  return raw.replace(/[\s.-]/g, "");
}

const bankAccount = () =>
  z.pipe(
    text({ max: 40, required: false }).check(
      z.refine((s) => s.length === 0 || /^\d{6,19}$/.test(normalizeBankAccount(s)), { error: "groups.errors.bankAccount" }),
    ),
    z.transform((s: string) => normalizeBankAccount(s)),
  );

/** Registration and edit. A blank account number keeps the one on file (it is never sent back). */
export const groupSchema = z
  .object({
    province: referenceCode(),
    commune: text({ max: 120 }),
    village: text({ max: 120 }),
    name: text({ max: 120 }),
    kind: choice(groupKinds),
    yearFormed: wholeNumber({ min: 1945, max: thisYear() }),
    leaderName: text({ max: 120 }),
    phone: phone(),
    bankName: text({ max: 120, required: false }),
    bankAccountHolder: text({ max: 120, required: false }),
    bankAccount: bankAccount(),
  })
  .check(
    z.refine((v) => !v.bankAccount || v.bankName.length > 0, {
      error: "groups.errors.bankNameRequired",
      path: ["bankName"],
    }),
    // Finance checks the name the bank holds before money leaves: a new account comes with it.
    z.refine((v) => !v.bankAccount || v.bankAccountHolder.length > 0, {
      error: "groups.errors.bankAccountHolderRequired",
      path: ["bankAccountHolder"],
    }),
  );

export type GroupInput = z.output<typeof groupSchema>;

/** Today in Viet Nam, as yyyy-mm-dd: consent cannot be recorded as given tomorrow. */
function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const memberSchema = z
  .object({
    name: text({ max: 120 }),
    gender: choice(genders),
    ethnicity: z
      .string({ error: "errors.required" })
      .check(
        z.refine((s) => s.length > 0, { error: "errors.required" }),
        z.refine((s) => s.length === 0 || s === PREFER_NOT_TO_SAY || /^\d{2}$/.test(s), { error: "errors.invalid" }),
      ),
    birthYear: wholeNumber({ min: 1900, max: thisYear() }),
    role: choice(memberRoles),
    consentGivenOn: dateOnly().check(z.refine((d) => d === null || d <= todayVn(), { error: "groups.errors.consentInFuture" })),
    consentMethod: choice(consentMethods),
    consentWitness: text({ max: 120, required: false }),
  })
  .check(
    z.refine((v) => v.consentMethod !== "oral_witnessed" || v.consentWitness.length > 0, {
      error: "groups.errors.witnessRequired",
      path: ["consentWitness"],
    }),
  );

export type MemberInput = z.output<typeof memberSchema>;

/** Admin: link or unlink a facilitator (the form's `intent` says which). */
export const facilitatorLinkSchema = z.object({
  userId: z.string({ error: "errors.invalid" }).check(z.refine(isUuid, { error: "errors.invalid" })),
});

/** "Show the full number" carries no field of its own: the group is in the URL. */
export const revealSchema = z.object({});

/** Removing a member: nothing but the intent. */
export const removeMemberSchema = z.object({});

/** A facilitator hands the group to a phone: whose, and as what. */
export const handoverSchema = z.object({
  name: text({ max: 120 }),
  phone: phone(),
  role: z.enum(["leader", "treasurer"], { error: "errors.invalid" }),
});

/** The code the person at that phone types to take the group. */
export const joinGroupSchema = z.object({ code: oneTimeCode() });

/** Removing an account holder, or issuing her a reset code: whose. */
export const accountHolderSchema = facilitatorLinkSchema;
