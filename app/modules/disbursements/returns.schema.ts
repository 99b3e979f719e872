import { z } from "zod";
import { money, text } from "../../forms/fields";
import { pastDate } from "./disbursements.schema";

// Money coming back (issue 14, item 3), safe on the client. The server checks the amount again
// against what was paid, with the grant's row locked; the database has the last word.

export const returnKinds = ["bounced", "cash_returned", "refund"] as const;
export type ReturnKind = (typeof returnKinds)[number];

export const returnMethods = ["bank_transfer", "cash"] as const;

/** The proof (the bank's notice, a signed receipt) travels beside these fields as the multipart `proof` file. */
export const recordReturnSchema = z
  .object({
    kind: z.enum(returnKinds, { error: "finance.returns.errors.chooseKind" }),
    // The disbursement that came back; none for a refund of unspent money.
    disbursementId: z.union([z.uuid({ error: "finance.returns.errors.chooseDisbursement" }), z.literal("")]).default(""),
    amount: money()
      .refine((a) => a === null || a > 0n, { error: "disbursements.errors.amountPositive" })
      .transform((a) => a ?? 0n),
    method: z.enum(returnMethods, { error: "disbursements.errors.chooseMethod" }),
    receivedOn: pastDate(),
    reference: text({ max: 100, required: false }),
    note: text({ max: 1000, required: false }),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== "refund" && value.disbursementId === "") {
      ctx.addIssue({ code: "custom", path: ["disbursementId"], message: "finance.returns.errors.chooseDisbursement" });
    }
    if (value.method === "bank_transfer" && value.reference === "") {
      ctx.addIssue({ code: "custom", path: ["reference"], message: "finance.returns.errors.referenceRequired" });
    }
  });

export type RecordReturnInput = z.output<typeof recordReturnSchema>;
