import { z } from "zod";
import { dateOnly, money, text } from "../../forms/fields";

// The finance forms (SPEC.md step 8), safe on the client. The server checks every amount again
// against the locked rows; these schemas only keep bad input from reaching the database.

export const methods = ["stripe", "bank_transfer", "cash"] as const;
export type Method = (typeof methods)[number];

/** The signed receipt's limits are those of an application's attachments. */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

const id = () => z.uuid({ error: "errors.invalid" });

/** Today's date in Viet Nam (UTC+7, no daylight saving), yyyy-mm-dd. */
export function todayInVietNam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A date no later than today: money is recorded once it has left, never in advance. */
export const pastDate = () =>
  dateOnly()
    .refine((s) => s === null || s <= todayInVietNam(), { error: "disbursements.errors.dateInFuture" })
    .transform((s) => s ?? "");

/**
 * Preparing a disbursement. `id` is made by the page that shows the form, so the same form posted
 * twice (a double click, a reload) names the same disbursement and prepares it once.
 */
export const prepareSchema = z.object({
  id: id(),
  trancheId: z.uuid({ error: "disbursements.errors.chooseTranche" }),
  amount: money()
    .refine((a) => a === null || a > 0n, { error: "disbursements.errors.amountPositive" })
    .transform((a) => a ?? 0n),
  method: z.enum(methods, { error: "disbursements.errors.chooseMethod" }),
  recipientName: text({ max: 200, required: false }),
  bankBin: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, { error: "disbursements.errors.chooseBank" })
    .default(""),
  note: text({ max: 1000, required: false }),
});
export type PrepareForm = z.output<typeof prepareSchema>;

/** Approve and pay by Stripe carry nothing but the intent. */
export const emptySchema = z.object({});

export const cancelSchema = z.object({ reason: text({ max: 1000 }) });

export const bankPaymentSchema = z.object({
  bankReference: text({ max: 100 }),
  paidOn: pastDate(),
});

/** The signed receipt travels beside these fields as the multipart `receipt` file. */
export const cashPaymentSchema = z.object({ paidOn: pastDate() });
