import * as z from "zod/mini";
import { breachUpdateKinds, retentionKinds } from "../../../db/schema/enums";
import { isIsoDateTime, isoDateTimeFromInput, text, wholeNumber } from "../../forms/fields-mini";

// Safe on the client: the forms of the retention schedule and the breach log, one schema each.

export { breachUpdateKinds, retentionKinds };
export type RetentionKind = (typeof retentionKinds)[number];
export type BreachUpdateKind = (typeof breachUpdateKinds)[number];

/** A retention period: whole months, at least one, at most fifty years. */
export const MAX_RETENTION_MONTHS = 600;

/** The admin's schedule: one period in months per kind of data, all on one form. */
export const retentionSchema = z.object({
  bank_account: wholeNumber({ min: 1, max: MAX_RETENTION_MONTHS }),
  unfunded_group: wholeNumber({ min: 1, max: MAX_RETENTION_MONTHS }),
  correction_reason: wholeNumber({ min: 1, max: MAX_RETENTION_MONTHS }),
} satisfies Record<RetentionKind, unknown>);

export type RetentionInput = z.output<typeof retentionSchema>;

/** A moment typed in a datetime-local input (or dd/mm/yyyy hh:mm), read as Viet Nam time. */
function momentVn() {
  const typed = z.string({ error: "errors.required" }).check(
    z.trim(),
    z.refine((s) => s.length > 0, { error: "errors.required" }),
  );
  return z.pipe(
    z.pipe(typed, z.transform(isoDateTimeFromInput)).check(z.refine((s) => isIsoDateTime(s), { error: "errors.dateInvalid" })),
    z.transform((s: string) => s),
  );
}

/** A breach as first recorded: what happened and when it was found. */
export const breachSchema = z.object({
  summary: text({ max: 2000 }),
  detectedAt: momentVn(),
});

export type BreachInput = z.output<typeof breachSchema>;

/** One update appended to a breach. */
export const breachUpdateSchema = z.object({
  kind: z.pipe(
    z.string({ error: "errors.required" }).check(z.refine((s) => (breachUpdateKinds as readonly string[]).includes(s), { error: "errors.invalid" })),
    z.transform((s: string) => s as BreachUpdateKind),
  ),
  text: text({ max: 2000 }),
});

export type BreachUpdateInput = z.output<typeof breachUpdateSchema>;

/** "2027-03-01T08:00" typed in Viet Nam as the moment it names. */
export function vnMoment(iso: string): Date {
  return new Date(`${iso}:00+07:00`);
}
