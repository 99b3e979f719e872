import { z } from "zod";
import { money, text } from "../../forms/fields";
import { withAmount } from "../../forms/with-amount";
import type { Locale } from "../../i18n/locales";

// The admin's decision forms (SPEC.md step 6), safe on the client: the browser checks the award
// against the same limits the server checks again on the locked rows.

export const outcomes = ["approved", "waitlisted", "rejected"] as const;
export type Outcome = (typeof outcomes)[number];

/** The most application ids one batch decision takes: a page of the scoreboard. */
export const MAX_BATCH = 100;

const outcome = () => z.enum(outcomes, { error: (issue) => (issue.input ? "errors.invalid" : "decisions.errors.chooseOutcome") });

/** The reason the group reads: Vietnamese always, English when the admin writes one. */
const reasons = {
  reasonVi: text({ max: 2000 }),
  reasonEn: text({ max: 2000, required: false }),
  // Only read when the decision comes before the round's required reviews: why it cannot wait.
  reviewsOverride: text({ max: 2000, required: false }),
};

export interface AwardLimits {
  requested: bigint;
  maxGrant: bigint;
}

/**
 * One application's decision. An award is whole đồng, more than nothing, and at most both what the
 * group asked for and the round's maximum; amount and conditions are read only for an approval.
 */
export function decisionSchema(limits: AwardLimits, locale: Locale) {
  return z
    .object({
      outcome: outcome(),
      // Left out of the post altogether when the form has no amount (waitlist, reject).
      awardedAmount: money({ required: false }).default(null),
      conditions: text({ max: 2000, required: false }),
      // Which tranche the conditions hold until staff record them met: "" for none, else its number.
      conditionsHold: text({ max: 2, required: false }).refine((s) => s === "" || /^[1-9]$/.test(s), { error: "errors.invalid" }),
      ...reasons,
    })
    .superRefine(
      (value, ctx) => {
        if (value.outcome !== "approved") return;
        if (value.conditionsHold !== "" && value.conditions.trim() === "") {
          ctx.addIssue({ code: "custom", path: ["conditionsHold"], message: "decisions.errors.holdNeedsConditions" });
        }
        const amount = value.awardedAmount;
        const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["awardedAmount"], message });
        if (amount === null) issue("decisions.errors.amountRequired");
        else if (amount <= 0n) issue("decisions.errors.amountPositive");
        else if (amount > limits.requested) issue(withAmount("decisions.errors.overRequest", "max", limits.requested, locale));
        else if (amount > limits.maxGrant) issue(withAmount("decisions.errors.overMaximum", "max", limits.maxGrant, locale));
      },
      // Checked as soon as the outcome and the amount are readable, beside other fields' messages.
      { when: (payload) => !payload.issues.some((i) => i.path?.[0] === "outcome" || i.path?.[0] === "awardedAmount") },
    );
}

export type DecisionInput = z.output<ReturnType<typeof decisionSchema>>;

/**
 * The same decision for several applications picked on the scoreboard. An approval awards each
 * what it asked for; a smaller award is decided one application at a time.
 */
export const batchDecisionSchema = z.object({
  applicationIds: z
    .array(z.uuid({ error: "decisions.errors.unknownApplication" }), { error: "decisions.errors.chooseApplications" })
    .min(1, { error: "decisions.errors.chooseApplications" })
    .max(MAX_BATCH, { error: `decisions.errors.tooMany?max=${MAX_BATCH}` }),
  outcome: outcome(),
  conditions: text({ max: 2000, required: false }),
  ...reasons,
});

export type BatchDecisionInput = z.output<typeof batchDecisionSchema>;
