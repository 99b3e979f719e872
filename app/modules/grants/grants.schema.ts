import { z } from "zod";
import { text } from "../../forms/fields";
import { foldVietnamese } from "../groups/fold-vietnamese";

// The agreement page's forms (SPEC.md step 7), safe on the client: the browser shows the same
// messages the server answers with.

/** How a group agreed when its facilitator records the acceptance: a signed paper, or aloud before a witness. */
export const consentMethods = ["signed", "oral_witnessed"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

const accepted = (message: string) => z.literal("yes", { error: message });

/**
 * The leader accepts herself: she ticks the box and types her name as her signature. The name
 * must be hers (marks, case and spacing aside), so a typed signature means something.
 */
export function leaderAcceptanceSchema(accountName: string) {
  return z.object({
    accept: accepted("grants.errors.mustAccept"),
    signature: text({ max: 120 }).refine((s) => s.length === 0 || foldVietnamese(s) === foldVietnamese(accountName), {
      error: `grants.errors.signatureMismatch?${new URLSearchParams({ name: accountName })}`,
    }),
  });
}

export type LeaderAcceptance = z.output<ReturnType<typeof leaderAcceptanceSchema>>;

/** A facilitator records that the group accepted, who agreed for it and how. */
export const facilitatorAcceptanceSchema = z
  .object({
    accept: accepted("grants.errors.mustConfirm"),
    consentBy: text({ max: 120 }),
    consentMethod: z.enum(consentMethods, { error: (issue) => (issue.input ? "errors.invalid" : "grants.errors.chooseConsent") }),
    witnessName: text({ max: 120, required: false }),
  })
  .superRefine(
    (value, ctx) => {
      if (value.consentMethod === "oral_witnessed" && value.witnessName === "") {
        ctx.addIssue({ code: "custom", path: ["witnessName"], message: "grants.errors.witnessRequired" });
      }
    },
    // Checked beside the other fields' messages, once the method itself is readable.
    { when: (payload) => !payload.issues.some((i) => i.path?.[0] === "consentMethod" || i.path?.[0] === "witnessName") },
  );

export type FacilitatorAcceptance = z.output<typeof facilitatorAcceptanceSchema>;

/** An admin marks a tranche's report condition met by hand, until outcome reports exist. */
export const conditionMetSchema = z.object({
  trancheId: z.uuid({ error: "grants.errors.unknownTranche" }),
  note: text({ max: 1000 }),
});

export type ConditionMetInput = z.output<typeof conditionMetSchema>;

/** An admin records that the award's conditions are met (a quote sent, a permit shown), releasing the tranche they hold. */
export const awardConditionsMetSchema = z.object({
  note: text({ max: 1000 }),
});

export type AwardConditionsMetInput = z.output<typeof awardConditionsMetSchema>;

/** An admin withdraws a grant the group has not accepted yet, saying why. */
export const cancelGrantSchema = z.object({
  reason: text({ max: 1000 }),
});

export type CancelGrantInput = z.output<typeof cancelGrantSchema>;

/** An admin suspends, resumes or terminates a grant, saying why (one field, as a cancellation): the group reads it. */
export const stopGrantSchema = cancelGrantSchema;

export type StopGrantInput = CancelGrantInput;

/** What grants.acceptanceConsent holds (as JSON text): how the acceptance was given. */
export type AcceptanceConsent =
  | { method: "self"; signature: string }
  | { method: "signed"; consentBy: string }
  | { method: "oral_witnessed"; consentBy: string; witnessName: string };

export function parseAcceptanceConsent(stored: string | null): AcceptanceConsent | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as AcceptanceConsent;
    return typeof value === "object" && value && "method" in value ? value : null;
  } catch {
    return null;
  }
}
