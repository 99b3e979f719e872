import * as z from "zod/mini";
import { money, text, wholeNumber } from "../../forms/fields-mini";
import { isUuid } from "../../kernel/ids";
import { activityTypes } from "../programmes/activities";
import { attachmentKinds, MAX_BLANK_ROWS, MAX_BUDGET_LINES, maxLength } from "./fields-meta";

export * from "./fields-meta";

// The application wizard's forms (SPEC.md step 3), safe on the client. A draft may be saved half
// done: these schemas check only the format of what is typed. Completeness is checked at
// submission, by `completeApplicationSchema` over everything saved.

// Bounds that keep every product and sum far inside PostgreSQL's bigint (≈ 9.2 × 10^18): a line
// is at most 10^4 × 10^12 and an application has at most 30 lines.
const MAX_AMOUNT = 10n ** 12n;
const MAX_QUANTITY = 10_000;
const MAX_PEOPLE = 10_000;

/**
 * Whole đồng, refused above a thousand billion. In a draft an amount may be left empty, or left
 * out of the post altogether (only the fields posted are saved).
 */
function amountBase(required: boolean) {
  return money({ required }).check(z.refine((v) => v === null || v <= MAX_AMOUNT, { error: "errors.moneyTooLarge" }));
}

function amount({ required = false }: { required?: boolean } = {}) {
  return required ? amountBase(true) : z.optional(amountBase(false));
}

function count({ min, required }: { min: number; required: boolean }) {
  const base = wholeNumber({ min, max: MAX_PEOPLE, required });
  return required ? base : z.optional(base);
}

function activity({ required = false }: { required?: boolean } = {}) {
  return z._default(z.string({ error: "errors.required" }).check(z.trim()), "").check(
    z.refine((s) => !required || s.length > 0, { error: "errors.required" }),
    z.refine((s) => s === "" || (activityTypes as readonly string[]).includes(s), {
      error: "applications.errors.activityType",
    }),
  );
}

function textAnswer(max: number, required = false) {
  return required ? text({ max }) : text({ max, required: false });
}

const womenWithinMembers = {
  // With one of the two not given, the server compares with what is saved (drafts.server.ts).
  check: (v: { membersTakingPart?: number | null; womenTakingPart?: number | null }) =>
    v.womenTakingPart == null || v.membersTakingPart == null || v.womenTakingPart <= v.membersTakingPart,
  issue: { error: "applications.errors.womenMoreThanMembers", path: ["womenTakingPart"] },
};

function projectShape(required: boolean) {
  return {
    title: textAnswer(maxLength.title, required),
    activityType: activity({ required }),
    naturalResource: textAnswer(maxLength.naturalResource, required),
    location: textAnswer(maxLength.location, required),
    problem: textAnswer(maxLength.problem, required),
    plan: textAnswer(maxLength.plan, required),
  };
}

export const projectSchema = z.object(projectShape(false));

function linesShape() {
  const rows = { error: "applications.errors.tooManyLines" };
  const maxRows = MAX_BUDGET_LINES + MAX_BLANK_ROWS;
  return {
    item: z._default(z.array(text({ max: maxLength.item, required: false })).check(z.maxLength(maxRows, rows)), []),
    quantity: z._default(
      z.array(wholeNumber({ min: 1, max: MAX_QUANTITY, required: false })).check(z.maxLength(maxRows, rows)),
      [],
    ),
    unitCost: z._default(z.array(amountBase(false)).check(z.maxLength(maxRows, rows)), []),
  };
}

interface LineColumns {
  item: string[];
  quantity: (number | null)[];
  unitCost: (bigint | null)[];
}

/** A line needs all three answers; a row left wholly empty is simply not a line. */
function checkLines<T extends LineColumns>(v: T, ctx: z.core.$RefinementCtx<T>) {
  const rows = Math.max(v.item.length, v.quantity.length, v.unitCost.length);
  let lines = 0;
  for (let i = 0; i < rows; i++) {
    const cells = { item: v.item[i] ?? "", quantity: v.quantity[i] ?? null, unitCost: v.unitCost[i] ?? null };
    const filled = [cells.item !== "", cells.quantity !== null, cells.unitCost !== null];
    if (filled.every(Boolean)) lines++;
    if (filled.every((f) => !f) || filled.every(Boolean)) continue;
    for (const [name, present] of [["item", filled[0]], ["quantity", filled[1]], ["unitCost", filled[2]]] as const) {
      if (!present) ctx.addIssue({ code: "custom", message: "applications.errors.lineIncomplete", path: [name, i] });
    }
  }
  if (lines > MAX_BUDGET_LINES) ctx.addIssue({ code: "custom", message: "applications.errors.tooManyLines", path: ["item"] });
}

export const budgetSchema = z
  .object({
    ...linesShape(),
    ownContributionCash: amount(),
    ownContributionKind: textAnswer(maxLength.ownContributionKind),
  })
  .check(z.superRefine(checkLines));

function outcomesShape(required: boolean) {
  return {
    membersTakingPart: count({ min: 1, required }),
    womenTakingPart: count({ min: 0, required }),
    baselineIncome: amount({ required }),
    targetIncome: amount({ required }),
  };
}

export const outcomesSchema = z.object(outcomesShape(false)).check(z.refine(womenWithinMembers.check, womenWithinMembers.issue));

export const environmentSchema = z.object({
  environmentalCare: textAnswer(maxLength.environmentalCare),
});

/** The text fields of an upload; the file itself is checked from its bytes on the server. */
export const uploadSchema = z.object({
  kind: z.enum(attachmentKinds, { error: "errors.invalid" }),
});

export const submitSchema = z.object({
  consent: z.literal("yes", { error: "applications.errors.consent" }),
});

/** The group takes its application back: a box to tick, so a slip of the finger withdraws nothing; why, if she says. */
export const withdrawSchema = z.object({
  confirm: z.literal("yes", { error: "applications.withdraw.confirmRequired" }),
  reason: text({ max: 1000, required: false }),
});

/** The form of each step that has one (step 5 is the upload form, step 6 the consent). */
export const stepSchemas = {
  1: projectSchema,
  2: budgetSchema,
  3: outcomesSchema,
  4: environmentSchema,
} as const;

export type FormStep = keyof typeof stepSchemas;

/**
 * Everything a submitted application must hold, over the saved answers written as a form would
 * post them: the same builders as the steps, now required.
 */
export const completeApplicationSchema = z
  .object({
    ...projectShape(true),
    ...linesShape(),
    ownContributionCash: amount(),
    ownContributionKind: textAnswer(maxLength.ownContributionKind),
    ...outcomesShape(true),
    environmentalCare: textAnswer(maxLength.environmentalCare, true),
  })
  .check(
    z.superRefine(checkLines),
    z.refine((v) => v.item.some((s) => s !== ""), { error: "applications.errors.noBudgetLines", path: ["budgetLines"] }),
    z.refine(womenWithinMembers.check, womenWithinMembers.issue),
  );

const chosen = (missing: string) => {
  const message = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === "" ? missing : "errors.invalid");
  return z.string({ error: message }).check(z.refine(isUuid, { error: message }));
};

/** Starting an application: which group, for which round. */
export const startSchema = z.object({
  round: chosen("applications.errors.chooseRound"),
  group: chosen("applications.errors.chooseGroup"),
});
