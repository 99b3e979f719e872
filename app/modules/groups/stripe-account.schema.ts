import { z } from "zod";

// Safe on the client: the finance form's instant check and the server's are the same.

/**
 * A Stripe connected account id (`acct_…`), as finance copies it from Stripe's dashboard. Empty
 * removes the account: the group can then no longer be paid through Stripe.
 */
export const stripeAccountSchema = z.object({
  stripeAccountId: z
    .string({ error: "errors.required" })
    .trim()
    .refine((s) => s === "" || /^acct_[A-Za-z0-9]{6,64}$/.test(s), { error: "payments.account.invalid" }),
});

export type StripeAccountInput = z.output<typeof stripeAccountSchema>;
