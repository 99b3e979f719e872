import * as z from "zod/mini";
import { dateOnly, text, tick, wholeNumber } from "../../forms/fields-mini";
import { consentPurposes } from "../../../db/schema/enums";
import { isUuid } from "../../kernel/ids";
import { fieldConsentWays, todayVn } from "../consents/purposes";

// Safe on the client: the consent form's one schema, for the browser's messages and the server.

export { consentPurposes };
export { fieldConsentWays, todayVn, type ConsentPurpose, type ConsentWay } from "../consents/purposes";

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const typed = z.string({ error: "errors.required" }).check(
    z.refine((s) => s.length > 0, { error: "errors.required" }),
    z.refine((s) => s.length === 0 || (values as readonly string[]).includes(s), { error: "errors.invalid" }),
  );
  return z.pipe(typed, z.transform((s: string) => s as T[number]));
}

/** One member's answer for one purpose, as the facilitator heard it. The scan comes as a file. */
export const consentSchema = z
  .object({
    memberId: z.string({ error: "errors.invalid" }).check(z.refine(isUuid, { error: "errors.invalid" })),
    purpose: oneOf(consentPurposes),
    answer: oneOf(["given", "withdrawn"] as const),
    way: oneOf(fieldConsentWays),
    witness: text({ max: 120, required: false }),
    saidOn: dateOnly().check(z.refine((d) => d === null || d <= todayVn(), { error: "privacy.errors.saidInFuture" })),
  })
  .check(
    z.refine((v) => v.way !== "oral_witnessed" || v.witness.length > 0, {
      error: "privacy.errors.witnessRequired",
      path: ["witness"],
    }),
  );

export type ConsentInput = z.output<typeof consentSchema>;

/** The admin's personal-data page: erase or restrict one member, or erase the whole group (`act`, since
 * parseForm keeps `intent` out of every schema). */
export const erasureSchema = z
  .object({
    act: oneOf(["erase-member", "erase-group", "restrict", "lift"] as const),
    memberId: z.optional(z.string().check(z.refine((s) => s === "" || isUuid(s), { error: "errors.invalid" }))),
    confirm: tick(),
  })
  .check(
    z.refine((v) => !v.act.startsWith("erase") || v.confirm === "yes", { error: "privacy.errors.confirmErase", path: ["confirm"] }),
    z.refine((v) => v.act === "erase-group" || Boolean(v.memberId), { error: "privacy.errors.notFound", path: [""] }),
  );

export type ErasureInput = z.output<typeof erasureSchema>;

/** Correcting a member's name or year of birth, always with the reason. */
export const correctionSchema = z.object({
  name: text({ max: 120 }),
  birthYear: wholeNumber({ min: 1900, max: new Date().getFullYear() }),
  reason: text({ max: 500 }),
});

export type CorrectionInput = z.output<typeof correctionSchema>;
