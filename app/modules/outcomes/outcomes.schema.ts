import { z } from "zod";
import { money, text, wholeNumber } from "../../forms/fields";
import { formatMoney } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";

// The outcome report's forms, safe on the client: react-hook-form checks them in the browser and
// the actions parse every post with the same schemas again.

/** Default sanity bound on an income, đồng per member per month; the admin may change it. */
export const DEFAULT_MAX_MONTHLY_INCOME = 100_000_000n;
export const DEFAULT_REMINDER_DAYS = 14;
/** More rows than any group's roster; a longer post is refused rather than read. */
export const MAX_MEMBER_ROWS = 500;
export const MAX_REPORT_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_STORY = 2000;

/** m² in a hectare: areas are stored as whole m² (see db/schema/outcomes.ts). */
export const SQM_PER_HA = 10_000;
const MAX_AREA_HA = 100_000;
const MAX_QUANTITY = 10_000_000_000;

/**
 * A decimal number as people type it here: "2,5" (the Vietnamese way) or "2.5", at most
 * `decimals` digits after the mark and no thousands separators. Returned as its digits and scale,
 * never through a float.
 */
function decimal(decimals: number, max: number) {
  return z
    .string({ error: "errors.required" })
    .trim()
    .refine((s) => s.length === 0 || new RegExp(`^\\d{1,11}([.,]\\d{1,${decimals}})?$`).test(s), {
      error: `outcomes.errors.decimal?places=${decimals}`,
    })
    .transform((s) => {
      if (s.length === 0) return null;
      const [whole, fraction = ""] = s.split(/[.,]/);
      return { whole: BigInt(whole), fraction: fraction.padEnd(decimals, "0") };
    })
    .refine((d) => d === null || d.whole < BigInt(max) || (d.whole === BigInt(max) && /^0*$/.test(d.fraction)), {
      error: `outcomes.errors.tooLarge?max=${max}`,
    });
}

/** Hectares with up to 4 decimals (1 m²), stored as whole m². */
export const areaHa = () =>
  decimal(4, MAX_AREA_HA).transform((d) => (d === null ? null : Number(d.whole) * SQM_PER_HA + Number(d.fraction)));

/** A quantity with up to 3 decimals, kept as the exact decimal text PostgreSQL's numeric reads. */
export const quantity = () =>
  decimal(3, MAX_QUANTITY).transform((d) => (d === null ? null : `${d.whole}.${d.fraction}`));

/** m² back to the hectares a person reads and types ("2,5" in Vietnamese, "2.5" in English). */
export function formatHa(sqm: number, locale: Locale): string {
  const whole = Math.floor(sqm / SQM_PER_HA);
  const fraction = String(sqm % SQM_PER_HA).padStart(4, "0").replace(/0+$/, "");
  return fraction ? `${whole}${locale === "vi" ? "," : "."}${fraction}` : String(whole);
}

/** numeric text from the database ("1250.500") as typed back into the form ("1250,5"). */
export function formatQuantity(value: string, locale: Locale): string {
  const [whole, fraction = ""] = value.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${whole}${locale === "vi" ? "," : "."}${trimmed}` : whole;
}

function incomeWithin(maxIncome: bigint, locale: Locale) {
  const message = `outcomes.errors.incomeTooHigh?${new URLSearchParams({ max: formatMoney(maxIncome, locale) })}`;
  return money({ required: false })
    .default(null)
    .refine((amount) => amount === null || amount <= maxIncome, { error: message });
}

/**
 * One outcome report, as the group fills it. Every figure may be left empty while it is a draft;
 * submitting needs at least the average income (checked by `missingForSubmit`, on the server and
 * before the post in the browser). Each member's income is posted in roster order as two parallel
 * columns, `memberId` and `memberIncome`, the way a form without JavaScript sends repeated rows.
 */
export function reportSchema(limits: { maxIncome: bigint; members?: number }, locale: Locale) {
  return z
    .object({
      avgMonthlyIncome: incomeWithin(limits.maxIncome, locale),
      sales: money({ required: false }).default(null),
      womenEarning: wholeNumber({ min: 0, max: 100_000, required: false }).default(null),
      areaHa: areaHa().default(null),
      quantityProduced: quantity().default(null),
      quantityUnit: text({ max: 40, required: false }),
      story: text({ max: MAX_STORY, required: false }),
      memberId: z.array(z.uuid({ error: "errors.invalid" })).max(MAX_MEMBER_ROWS, { error: "errors.invalid" }).default([]),
      memberIncome: z.array(incomeWithin(limits.maxIncome, locale)).max(MAX_MEMBER_ROWS, { error: "errors.invalid" }).default([]),
    })
    .superRefine((value, ctx) => {
      if (value.memberId.length !== value.memberIncome.length) {
        ctx.addIssue({ code: "custom", path: ["memberIncome"], message: "errors.invalid" });
      }
      if (new Set(value.memberId).size !== value.memberId.length) {
        ctx.addIssue({ code: "custom", path: ["memberIncome"], message: "errors.invalid" });
      }
      // Women earning from the activity are some of the group's members: never more than all of them.
      if (limits.members !== undefined && value.womenEarning !== null && value.womenEarning > limits.members) {
        ctx.addIssue({ code: "custom", path: ["womenEarning"], message: womenOverMembers(limits.members) });
      }
      if (value.quantityProduced !== null && value.quantityUnit.length === 0) {
        ctx.addIssue({ code: "custom", path: ["quantityUnit"], message: "outcomes.errors.unitRequired" });
      }
    });
}

export type ReportInput = z.output<ReturnType<typeof reportSchema>>;

/** The message for more women earning than the group has members. */
export function womenOverMembers(members: number): string {
  return `outcomes.errors.womenOverMembers?members=${members}`;
}

/** What submitting needs beyond a draft: field → message; empty when the report may go. */
export function missingForSubmit(input: Pick<ReportInput, "avgMonthlyIncome">): Record<string, string> {
  return input.avgMonthlyIncome === null ? { avgMonthlyIncome: "outcomes.errors.incomeRequired" } : {};
}

/** The staff list's filters: a status, or every report. */
export const reviewFilters = ["submitted", "changes_requested", "draft", "pending", "approved", "all"] as const;
export type ReviewFilter = (typeof reviewFilters)[number];

export const reviewDecisions = ["approve", "changes"] as const;

/** Staff's review: approve, or ask for changes with a message the group reads. */
export const reviewSchema = z
  .object({
    decision: z.enum(reviewDecisions, { error: "outcomes.errors.chooseDecision" }),
    message: text({ max: 2000, required: false }),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "changes" && value.message.length === 0) {
      ctx.addIssue({ code: "custom", path: ["message"], message: "outcomes.errors.messageRequired" });
    }
  });

export type ReviewInput = z.output<typeof reviewSchema>;

/** The admin's reporting rules. */
export const settingsSchema = z.object({
  maxMonthlyIncome: money()
    .refine((amount) => amount === null || amount > 0n, { error: "outcomes.errors.boundPositive" }),
  reminderDaysBefore: wholeNumber({ min: 1, max: 365 }),
});

export type SettingsInput = z.output<typeof settingsSchema>;
