import { z } from "zod";
import { dateOnly, money, text } from "../../forms/fields";

// The spending report's form, safe on the client. One row per approved budget line (its id in a
// hidden field), each with what was spent on it in the period and when; blank rows are lines
// nothing was spent on. The action parses every post with this schema, then the command checks
// what only the server knows: that each line is the grant's, and each date within the grant.

/** More rows than any application's budget; a longer post is refused rather than read. */
export const MAX_SPENDING_LINES = 60;
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
export const MAX_IN_KIND = 500;

/** A line more than this far (in %) over or under its budget line is flagged for staff. */
export const FLAG_PERCENT = 20;

export const spendingSchema = z
  .object({
    budgetLineId: z.array(z.uuid({ error: "spending.errors.unknownLine" })).max(MAX_SPENDING_LINES, { error: "errors.invalid" }).default([]),
    amount: z.array(money({ required: false })).max(MAX_SPENDING_LINES, { error: "errors.invalid" }).default([]),
    spentOn: z.array(dateOnly({ required: false })).max(MAX_SPENDING_LINES, { error: "errors.invalid" }).default([]),
    ownCash: money({ required: false }).transform((v) => v ?? 0n),
    ownInKindValue: money({ required: false }).transform((v) => v ?? 0n),
    ownInKind: text({ max: MAX_IN_KIND, required: false }),
  })
  .superRefine((value, ctx) => {
    if (value.amount.length !== value.budgetLineId.length || value.spentOn.length !== value.budgetLineId.length) {
      ctx.addIssue({ code: "custom", path: [""], message: "errors.invalid" });
      return;
    }
    value.budgetLineId.forEach((_, i) => {
      const amount = value.amount[i];
      const date = value.spentOn[i];
      if (amount !== null && amount <= 0n) ctx.addIssue({ code: "custom", path: ["amount", i], message: "spending.errors.amountPositive" });
      if (amount !== null && date === null) ctx.addIssue({ code: "custom", path: ["spentOn", i], message: "spending.errors.dateRequired" });
      if (amount === null && date !== null) ctx.addIssue({ code: "custom", path: ["amount", i], message: "spending.errors.amountRequired" });
    });
    if (value.ownInKindValue > 0n && value.ownInKind === "") {
      ctx.addIssue({ code: "custom", path: ["ownInKind"], message: "spending.errors.inKindWhat" });
    }
  });

export type SpendingInput = z.output<typeof spendingSchema>;

export type LineFlag = "over" | "under" | null;

/**
 * Whether what was spent on a budget line so far strays more than 20 % from the line: over at any
 * report, under only at the final one (an interim report has naturally spent part of each line).
 * Integer arithmetic on đồng: never a float.
 */
export function flagLine(budget: bigint, spentToDate: bigint, isFinal: boolean): LineFlag {
  if (spentToDate * 100n > budget * BigInt(100 + FLAG_PERCENT)) return "over";
  if (isFinal && spentToDate * 100n < budget * BigInt(100 - FLAG_PERCENT)) return "under";
  return null;
}
