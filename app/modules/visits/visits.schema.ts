import { z } from "zod";
import { dateOnly, text } from "../../forms/fields";
import { pastDate } from "../disbursements/disbursements.schema";

// Site visits, their follow-ups and staff notes (issue 14, item 7), safe on the client: one
// schema per form, used by the page and by the server.

/** Photos a visit may carry, each judged and re-encoded like every upload. */
export const MAX_VISIT_PHOTOS = 3;

/** A follow-up's three fields: all typed, or none (a visit may need nothing done). */
const followUpFields = {
  action: text({ max: 500, required: false }),
  // Left out of the post altogether by an old form or a script: the same as left empty.
  dueOn: dateOnly({ required: false })
    .optional()
    .transform((s) => s ?? null),
  ownerId: z.union([z.uuid({ error: "visits.errors.chooseOwner" }), z.literal("")]).default(""),
};

function wholeFollowUp(value: { action: string; dueOn: string | null; ownerId: string }, ctx: z.RefinementCtx, required: boolean) {
  const typed = value.action !== "" || value.dueOn !== null || value.ownerId !== "";
  if (!typed && !required) return;
  if (value.action === "") ctx.addIssue({ code: "custom", path: ["action"], message: "errors.required" });
  if (value.dueOn === null) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "errors.required" });
  if (value.ownerId === "") ctx.addIssue({ code: "custom", path: ["ownerId"], message: "visits.errors.chooseOwner" });
}

/** A visit, with a first follow-up if one is needed; the photos travel beside it as multipart `photo` files. */
export const recordVisitSchema = z
  .object({
    visitedOn: pastDate(),
    visitors: text({ max: 300 }),
    findings: text({ max: 4000 }),
    ...followUpFields,
  })
  .superRefine((value, ctx) => wholeFollowUp(value, ctx, false));

export type RecordVisitInput = z.output<typeof recordVisitSchema>;

/** One more follow-up on a visit already recorded. */
export const addFollowUpSchema = z
  .object({ visitId: z.uuid({ error: "visits.errors.notFound" }), ...followUpFields })
  .superRefine((value, ctx) => wholeFollowUp(value, ctx, true));

export type AddFollowUpInput = z.output<typeof addFollowUpSchema>;

export const followUpDoneSchema = z.object({ followUpId: z.uuid({ error: "visits.errors.notFound" }) });

/** A staff note on an application or a grant. */
export const noteSchema = z.object({ body: text({ max: 4000 }) });
