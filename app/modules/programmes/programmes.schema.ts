import { z } from "zod";
import { dateTimeVn, money, text, wholeNumber } from "../../forms/fields";
import { activityTypes } from "./activities";
import { maxRows, SIGNING, SPENDING_PREFIX, withReportKeys } from "./round-values";

// One schema per form, used by react-hook-form in the browser and by the action on the server.

/**
 * Only the đồng for now: every amount in Gieo is typed in whole units and read out in Vietnamese
 * words as đồng; another currency needs minor units in the money fields first.
 */
export const currencies = ["VND"] as const;

export type Currency = (typeof currencies)[number];

/** A stored currency as the form offers it. */
export function asCurrency(code: string): Currency {
  return (currencies as readonly string[]).includes(code) ? (code as Currency) : "VND";
}

/** A positive amount in whole đồng. */
function positiveMoney() {
  return money()
    .refine((v) => v !== null && v > 0n, { error: "programmes.errors.positive" })
    .transform((v) => v as bigint);
}

export const programmeSchema = z.object({
  nameVi: text({ max: 200 }),
  nameEn: text({ max: 200 }),
  donor: text({ max: 200 }),
  currency: z.enum(currencies, { error: "errors.invalid" }).default("VND"),
  totalBudget: positiveMoney(),
});

export type ProgrammeInput = z.output<typeof programmeSchema>;

/** Open, close: the post carries its intent and nothing else. */
export const transitionSchema = z.object({});

const criterionSchema = z.object({
  labelVi: text({ max: 200 }),
  labelEn: text({ max: 200 }),
  guidanceVi: text({ max: 2000, required: false }),
  guidanceEn: text({ max: 2000, required: false }),
  weight: wholeNumber({ min: 1, max: 100 }).transform((n) => n as number),
  maxScore: wholeNumber({ min: 1, max: 100 }).transform((n) => n as number),
});

const trancheSchema = z.object({
  percent: wholeNumber({ min: 1, max: 100 }).transform((n) => n as number),
  waitsFor: text({ max: 60 }),
});

const reportSchema = z.object({
  // Tranches name the report they wait for by this key, so it must stay short and plain. Staff do
  // not type it: a new report's key is derived from its name (withReportKeys) before this runs.
  key: text({ max: 40 })
    .refine((s) => s.length === 0 || /^[a-z0-9][a-z0-9_-]*$/.test(s), { error: "programmes.errors.reportKey" })
    .refine((s) => s !== SIGNING, { error: "programmes.errors.reportKeyReserved" }),
  months: wholeNumber({ min: 1, max: 120 }).transform((n) => n as number),
  labelVi: text({ max: 200 }),
  labelEn: text({ max: 200 }),
});

/**
 * A list of checkboxes. None ticked means an empty list: a plain post sends nothing, and
 * react-hook-form gives `false`.
 */
function choices(allowed: readonly string[], noneMessage: string) {
  const known = new Set(allowed);
  return z.preprocess(
    (v) => (v === undefined || v === false ? [] : v),
    z
      .array(z.string().refine((s) => known.has(s), { error: "errors.invalid" }), { error: "errors.invalid" })
      .max(allowed.length, { error: "errors.invalid" })
      .min(1, { error: noneMessage }),
  );
}

export interface RoundLimits {
  /** Slugs of the provinces a round may name (the `provinces` table). */
  provinces: readonly string[];
  /** What the programme has left for this round: its total less the other rounds' budgets. */
  available: bigint;
}

/**
 * The round form. Built from the limits the page was given, so the browser tells the admin at
 * once when the budget is over what the programme has left; the server builds it again with the
 * figures of the moment, and checks once more under a lock when it writes.
 */
export function roundSchema(limits: RoundLimits) {
  return z
    .object({
      titleVi: text({ max: 200 }),
      titleEn: text({ max: 200 }),
      descriptionVi: text({ max: 5000, required: false }),
      descriptionEn: text({ max: 5000, required: false }),
      opensAt: dateTimeVn(),
      closesAt: dateTimeVn(),
      provinces: choices(limits.provinces, "programmes.errors.chooseProvince"),
      activities: choices(activityTypes, "programmes.errors.chooseActivity"),
      minGrant: positiveMoney(),
      maxGrant: positiveMoney(),
      budget: positiveMoney(),
      reviewersPerApplication: wholeNumber({ min: 1, max: 10 }).transform((n) => n as number),
      criteria: z
        .array(criterionSchema, { error: "errors.invalid" })
        .min(1, { error: "programmes.errors.criterionRequired" })
        .max(maxRows.criteria, { error: "errors.invalid" })
        .prefault([]),
      tranches: z
        .array(trancheSchema, { error: "errors.invalid" })
        .min(1, { error: "programmes.errors.trancheRequired" })
        .max(maxRows.tranches, { error: "errors.invalid" })
        .prefault([]),
      reports: z
        .preprocess(
          (v) => (Array.isArray(v) ? withReportKeys(v.map((r: unknown) => (r && typeof r === "object" ? r : {}))) : v),
          z.array(reportSchema, { error: "errors.invalid" }).max(maxRows.reports, { error: "errors.invalid" }),
        )
        .prefault([]),
      // A checkbox: react-hook-form gives true/false, a plain post gives "yes" or nothing.
      confirmRubricChange: z
        .union([z.boolean(), z.string().max(10)])
        .optional()
        .transform((v) => v === true || v === "yes"),
    })
    .superRefine(
      (round, ctx) => {
        // Runs even when other fields failed, so every message shows at once: check types first.
        const valid = (v: unknown) => (typeof v === "bigint" ? v : null);
        if (round.opensAt instanceof Date && round.closesAt instanceof Date && round.closesAt <= round.opensAt) {
          ctx.addIssue({ code: "custom", path: ["closesAt"], message: "programmes.errors.closesBeforeOpens" });
        }
        const min = valid(round.minGrant);
        const max = valid(round.maxGrant);
        const budget = valid(round.budget);
        if (min !== null && max !== null && min > max) {
          ctx.addIssue({ code: "custom", path: ["minGrant"], message: "programmes.errors.minOverMax" });
        }
        if (max !== null && budget !== null && max > budget) {
          ctx.addIssue({ code: "custom", path: ["maxGrant"], message: "programmes.errors.maxOverBudget" });
        }
        if (budget !== null && budget > limits.available) {
          ctx.addIssue({ code: "custom", path: ["budget"], message: "programmes.errors.budgetOverProgramme" });
        }
        const reports = Array.isArray(round.reports) ? round.reports : [];
        const keys = new Set<string>();
        reports.forEach((report, index) => {
          if (typeof report?.key !== "string" || report.key === "") return;
          if (keys.has(report.key)) {
            ctx.addIssue({ code: "custom", path: ["reports", index, "labelEn"], message: "programmes.errors.duplicateKey" });
          }
          keys.add(report.key);
        });
        const tranches = Array.isArray(round.tranches) ? round.tranches : [];
        tranches.forEach((tranche, index) => {
          const waitsFor = tranche?.waitsFor;
          // A tranche may wait for a period's spending report too ("spending:<key>", issue 14).
          const key = typeof waitsFor === "string" && waitsFor.startsWith(SPENDING_PREFIX) ? waitsFor.slice(SPENDING_PREFIX.length) : waitsFor;
          if (typeof key === "string" && key !== "" && key !== SIGNING && !keys.has(key)) {
            ctx.addIssue({ code: "custom", path: ["tranches", index, "waitsFor"], message: "programmes.errors.unknownReport" });
          }
        });
        const percents = tranches.map((t) => t?.percent);
        if (tranches.length > 0 && percents.every((p) => typeof p === "number")) {
          const sum = (percents as number[]).reduce((a, b) => a + b, 0);
          if (sum !== 100) {
            ctx.addIssue({ code: "custom", path: ["tranches"], message: `programmes.errors.percentSum?sum=${sum}` });
          }
        }
      },
      { when: () => true },
    );
}

export type RoundInput = z.output<ReturnType<typeof roundSchema>>;
