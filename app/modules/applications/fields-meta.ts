// What the wizard's pages need to know about its fields without loading the validation code:
// this file has no zod in it, so a step page's first download stays small (the schemas in
// applications.schema.ts arrive after the page is usable).

export const WIZARD_STEPS = 6;
export const MAX_BUDGET_LINES = 30;
/** Empty rows the budget page may show for typing new lines into (they are not saved). */
export const MAX_BLANK_ROWS = 10;
export const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const maxLength = {
  title: 150,
  naturalResource: 200,
  location: 200,
  problem: 2000,
  plan: 4000,
  item: 200,
  ownContributionKind: 1000,
  environmentalCare: 2000,
} as const;

export const attachmentKinds = ["photo", "quote", "letter", "other"] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/**
 * The names a clarification can reopen (applications.reopened_fields), with the wizard step that
 * holds each. "budgetLines" stands for the item, quantity and unit cost columns together.
 */
export const applicationFields = {
  title: 1,
  activityType: 1,
  naturalResource: 1,
  location: 1,
  problem: 1,
  plan: 1,
  budgetLines: 2,
  ownContributionCash: 2,
  ownContributionKind: 2,
  membersTakingPart: 3,
  womenTakingPart: 3,
  baselineIncome: 3,
  targetIncome: 3,
  environmentalCare: 4,
  attachments: 5,
} as const;

export type ApplicationField = keyof typeof applicationFields;

/** The reopenable field a posted form field belongs to. */
export function fieldOf(formField: string): ApplicationField | null {
  const name = formField.split(".")[0];
  if (name === "item" || name === "quantity" || name === "unitCost") return "budgetLines";
  return name in applicationFields ? (name as ApplicationField) : null;
}

