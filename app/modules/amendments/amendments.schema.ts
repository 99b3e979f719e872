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
  .superRefine((value, ctx) => {
    const rows = tranchesOf(value);
    if (rows.some((row) => row === null)) ctx.addIssue({ code: "custom", path: ["trancheAmount"], message: "amendments.errors.trancheAmount" });
    else if (rows.length === 0) ctx.addIssue({ code: "custom", path: ["trancheAmount"], message: "amendments.errors.noTranche" });
    else if (rows.reduce((sum, t) => sum + (t?.amount ?? 0n), 0n) !== value.awardedAmount) {
      ctx.addIssue({ code: "custom", path: ["trancheAmount"], message: "amendments.errors.trancheSum" });
    }
    if (reportsOf(value).some((r) => !Number.isInteger(r.months) || r.months < 1 || r.months > 120)) {
      ctx.addIssue({ code: "custom", path: ["reportMonths"], message: "amendments.errors.reportMonths" });
    }
  });

type ProposalFields = Pick<z.output<typeof proposeAmendmentSchema>, "trancheId" | "trancheAmount" | "trancheWaitsFor" | "reportKey" | "reportMonths">;

/** The posted rows as tranches: a row left blank is none; a row whose amount is unreadable is null. */
function tranchesOf(value: ProposalFields) {
  return value.trancheAmount.flatMap((raw, index) => {
    const amount = raw.trim();
    const trancheId = (value.trancheId[index] ?? "").trim() || null;
    if (amount === "" && trancheId === null) return [];
    // A kept tranche whose amount is cleared is dropped from the plan.
    if (amount === "") return [];
    if (!isMoneyText(amount) || amount.replace(/[.,\s]/g, "").length > 15 || BigInt(amount.replace(/[.,\s]/g, "")) <= 0n) return [null];
    return [{ trancheId, amount: BigInt(amount.replace(/[.,\s]/g, "")), waitsFor: (value.trancheWaitsFor[index] ?? "").trim() }];
  });
}

function reportsOf(value: ProposalFields) {
  return value.reportKey.map((key, index) => ({ key, months: Number((value.reportMonths[index] ?? "").trim() || "x") }));
}

/** The proposal as the commands take it, from the form's checked fields. */
export function proposalOf(value: z.output<typeof proposeAmendmentSchema>) {
  return {
    reason: value.reason,
    awardedAmount: value.awardedAmount,
    conditions: value.conditions,
    endsOn: value.endsOn,
    tranches: tranchesOf(value).filter((t) => t !== null),
    reports: reportsOf(value),
    changeRequestId: value.changeRequestId || null,
  };
}

export type ProposeAmendmentInput = ReturnType<typeof proposalOf>;

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
