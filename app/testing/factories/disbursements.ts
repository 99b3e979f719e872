import { eq, inArray } from "drizzle-orm";
import { disbursements, grants, groups, tranches } from "../../../db/schema";
import { encrypt, sealedAt } from "../../infra/crypto.server";
import { db } from "../../infra/db.server";
import type { TrancheTemplateItem } from "../../../db/schema";
import { makeGrant } from "./grants";
import type { LineSpec } from "./applications";

// A grant finance can pay: accepted, its first tranche's condition met (or all of them), the
// group with a bank account (Agribank), and optionally a Stripe connected account.

export async function makeDueGrant(
  options: {
    award?: bigint;
    template?: TrancheTemplateItem[];
    ownerId?: string;
    facilitatorIds?: string[];
    /** Tranches whose condition is met: the first by default. */
    due?: "first" | "all";
    stripeAccountId?: string | null;
    bankAccount?: string | null;
    lines?: LineSpec[];
  } = {},
) {
  const made = await makeGrant(options);
  const now = new Date();
  await db.update(grants).set({ status: "active", acceptedAt: now }).where(eq(grants.id, made.grantId));
  const dueIds = options.due === "all" ? made.trancheIds : made.trancheIds.slice(0, 1);
  await db.update(tranches).set({ conditionMetAt: now }).where(inArray(tranches.id, dueIds));
  const account = options.bankAccount === undefined ? "1234567890123" : options.bankAccount;
  await db
    .update(groups)
    .set({
      bankName: account ? "Agribank chi nhánh Sa Pa" : null,
      bankAccountEnc: account ? encrypt(account, sealedAt("groups", "bank_account_enc", made.groupId)) : null,
      bankAccountLast4: account ? account.slice(-4) : null,
      bankAccountHolder: account ? "GIANG THI MAI" : null,
      stripeAccountId: options.stripeAccountId ?? null,
    })
    .where(eq(groups.id, made.groupId));
  return made;
}

type DisbursementStatus = NonNullable<(typeof disbursements.$inferInsert)["status"]>;

/**
 * A disbursement written straight into its table, as the finance commands would have left it
 * (prepared unless told otherwise; approved by a second person once past "prepared"; bank details
 * of the payment once paid). For setup only: the commands themselves are tested through their
 * own functions.
 */
export async function makeDisbursement(options: {
  grantId: string;
  trancheId: string;
  amount: bigint;
  preparedBy: string;
  status?: DisbursementStatus;
  approvedBy?: string;
  method?: "stripe" | "bank_transfer" | "cash";
  paidOn?: string;
  paidAt?: Date;
  bankReference?: string;
  values?: Partial<typeof disbursements.$inferInsert>;
}) {
  const status = options.status ?? "prepared";
  const approved = status !== "prepared";
  if (approved && !options.approvedBy) throw new Error(`makeDisbursement: a ${status} disbursement needs approvedBy`);
  const paid = status === "paid";
  const [row] = await db
    .insert(disbursements)
    .values({
      grantId: options.grantId,
      trancheId: options.trancheId,
      amount: options.amount,
      method: options.method ?? "bank_transfer",
      status,
      preparedBy: options.preparedBy,
      approvedBy: approved ? options.approvedBy : null,
      approvedAt: approved ? new Date() : null,
      paidOn: paid ? (options.paidOn ?? new Date().toISOString().slice(0, 10)) : null,
      paidAt: paid ? (options.paidAt ?? new Date()) : null,
      bankReference: paid ? (options.bankReference ?? "FT0001") : null,
      ...options.values,
    })
    .returning();
  return row;
}
