import * as z from "zod/mini";
import { text } from "../../forms/fields-mini";
import { applicationFields, completeApplicationSchema, type ApplicationField } from "./applications.schema";

// Screening forms (SPEC.md step 4), safe on the client: the admin's decision, the clarification
// request, and the group's answer with the fields the request reopened.

/** How a reopened field is typed on the clarification page. */
export type InlineKind = "text" | "longText" | "money" | "count" | "activity";

/**
 * Every answer a clarification may reopen: the wizard's own list, so a reopened field is one the
 * wizard also lets the group change while the question is open.
 */
export const reopenableFieldNames = Object.keys(applicationFields) as [ApplicationField, ...ApplicationField[]];
export type ReopenableField = ApplicationField;

export function isReopenableField(name: string): name is ReopenableField {
  return Object.prototype.hasOwnProperty.call(applicationFields, name);
}

/**
 * The reopened answers the group changes on the clarification page itself, checked by the same
 * builders as a complete application. Budget lines and attachments have their own wizard steps
 * (linked from the page), which also accept changes only to what is reopened.
 */
export const inlineFields = {
  title: "text",
  activityType: "activity",
  naturalResource: "text",
  location: "text",
  problem: "longText",
  plan: "longText",
  ownContributionCash: "money",
  ownContributionKind: "longText",
  membersTakingPart: "count",
  womenTakingPart: "count",
  baselineIncome: "money",
  targetIncome: "money",
  environmentalCare: "longText",
} as const satisfies Partial<Record<ApplicationField, InlineKind>>;

export type InlineField = keyof typeof inlineFields;

export function isInlineField(name: string): name is InlineField {
  return Object.prototype.hasOwnProperty.call(inlineFields, name);
}

/** "Ready for review": nothing to fill in, the automatic checks decide whether it is allowed. */
export const confirmEligibleSchema = z.object({});

/** "Not eligible": the reason is what the group reads, so it cannot be left empty. */
export const confirmIneligibleSchema = z.object({ note: text({ max: 2000 }) });

/**
 * "Eligible although a check failed": the admin's judgement over the automatic list (a group one
 * member short of a women majority), with the reason kept with the screening and in the audit log.
 */
export const overrideEligibleSchema = z.object({ reason: text({ max: 2000 }) });

export const clarificationRequestSchema = z.object({
  fields: z
    .array(z.enum(reopenableFieldNames, { error: "errors.invalid" }), { error: "screening.errors.chooseField" })
    .check(
      z.minLength(1, { error: "screening.errors.chooseField" }),
      z.maxLength(reopenableFieldNames.length, { error: "errors.invalid" }),
    ),
  question: text({ max: 2000 }),
});

/**
 * The group's answer: the reply itself and only the fields the question reopened. Any other
 * field in the post is refused by parseForm, so nothing else of the application can change.
 */
export function clarificationAnswerSchema(fields: readonly string[]) {
  const complete = completeApplicationSchema.shape;
  const shape: Record<string, z.core.$ZodType> = { answer: text({ max: 2000 }) };
  for (const name of fields) if (isInlineField(name)) shape[name] = complete[name];
  return z.object(shape);
}
