import { z } from "zod";
import { dateOnly, money, text } from "../../forms/fields";
import { isMoneyText } from "../../forms/fields-mini";

// The amendment pages' forms (issue 14, item 1), safe on the client. A tranche plan is posted as
// rows of three repeated fields (trancheId, trancheAmount, trancheWaitsFor) and the report dates
// as two (reportKey, reportMonths), so the form works without JavaScript: a row left blank is no
// tranche. The server checks the plan again against the grant's money, with its row locked.

const rows = z.array(z.string().max(40, { error: "errors.invalid" })).max(20, { error: "errors.invalid" }).default([]);

/** An admin proposes a new version of an accepted grant's agreement, saying why. */
export const proposeAmendmentSchema = z
  .object({
    reason: text({ max: 1000 }),
    awardedAmount: money()
      .refine((a) => a === null || a > 0n, { error: "amendments.errors.awardPositive" })
      .transform((a) => a ?? 0n),
    conditions: text({ max: 2000, required: false }),
    endsOn: dateOnly({ required: false }),
    trancheId: rows,
    trancheAmount: rows,
    trancheWaitsFor: rows,
    reportKey: rows,
    reportMonths: rows,
    changeRequestId: z.union([z.uuid({ error: "errors.invalid" }), z.literal("")]).default(""),
  })
  .transform((value, ctx) => {
    const tranches: { trancheId: string | null; amount: bigint; waitsFor: string }[] = [];
    value.trancheAmount.forEach((raw, index) => {
      const amount = raw.trim();
      const trancheId = (value.trancheId[index] ?? "").trim() || null;
      if (amount === "" && trancheId === null) return;
      if (!isMoneyText(amount) || BigInt(amount.replace(/[.,\s]/g, "")) <= 0n) {
        ctx.addIssue({ code: "custom", path: ["trancheAmount"], message: "amendments.errors.trancheAmount" });
        return;
      }
      tranches.push({ trancheId, amount: BigInt(amount.replace(/[.,\s]/g, "")), waitsFor: (value.trancheWaitsFor[index] ?? "").trim() });
    });
    if (tranches.length === 0) ctx.addIssue({ code: "custom", path: ["trancheAmount"], message: "amendments.errors.noTranche" });
    else if (tranches.reduce((sum, t) => sum + t.amount, 0n) !== value.awardedAmount) {
      ctx.addIssue({ code: "custom", path: ["trancheAmount"], message: "amendments.errors.trancheSum" });
    }
    const reports = value.reportKey.map((key, index) => ({ key, months: Number((value.reportMonths[index] ?? "").trim()) }));
    if (reports.some((r) => !Number.isInteger(r.months) || r.months < 1 || r.months > 120)) {
      ctx.addIssue({ code: "custom", path: ["reportMonths"], message: "amendments.errors.reportMonths" });
    }
    return {
      reason: value.reason,
      awardedAmount: value.awardedAmount,
      conditions: value.conditions,
      endsOn: value.endsOn,
      tranches,
      reports,
      changeRequestId: value.changeRequestId || null,
    };
  });

export type ProposeAmendmentInput = z.output<typeof proposeAmendmentSchema>;

/** Approving needs no words; withdrawing, declining (an amendment or a group's request) says why. */
export const approveAmendmentSchema = z.object({ versionId: z.uuid({ error: "errors.invalid" }) });

export const closeAmendmentSchema = z.object({ versionId: z.uuid({ error: "errors.invalid" }), reason: text({ max: 1000 }) });

export type CloseAmendmentInput = z.output<typeof closeAmendmentSchema>;

/** A group (its leader or facilitator) asks for a change, saying why. */
export const askForChangeSchema = z.object({ reason: text({ max: 1000 }) });

export type AskForChangeInput = z.output<typeof askForChangeSchema>;

/** Staff decline a group's request, with a reason the group reads. */
export const declineRequestSchema = z.object({ requestId: z.uuid({ error: "errors.invalid" }), reason: text({ max: 1000 }) });

export type DeclineRequestInput = z.output<typeof declineRequestSchema>;
