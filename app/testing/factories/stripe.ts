import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { auditLog, disbursements } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeDueGrant } from "./disbursements";
import type { Actor } from "../../kernel/actor";
import { approveDisbursement, prepareDisbursement } from "../../modules/disbursements/disbursements.server";

// Stripe disbursements ready to pay, made through the finance commands themselves (prepared by
// one person, approved by another), on a grant whose group has a connected account.

export function fakeAccount(): string {
  return `acct_${randomBytes(8).toString("hex")}`;
}

export async function approvedStripeDisbursement(
  people: { preparer: Actor; approver: Actor },
  options: { award?: bigint; amount?: bigint; ownerId?: string; stripeAccountId?: string } = {},
) {
  const grant = await makeDueGrant({ award: options.award ?? 10_000_000n, stripeAccountId: options.stripeAccountId ?? fakeAccount(), ownerId: options.ownerId });
  const prepared = await prepareDisbursement(
    { grantId: grant.grantId, trancheId: grant.trancheIds[0], amount: options.amount ?? 6_000_000n, method: "stripe" },
    people.preparer,
  );
  if (!prepared.ok) throw new Error(`not prepared: ${JSON.stringify(prepared.errors)}`);
  const approved = await approveDisbursement(prepared.id, people.approver);
  if (!approved.ok) throw new Error(`not approved: ${JSON.stringify(approved.errors)}`);
  return { ...grant, disbursementId: prepared.id };
}

export async function disbursementRow(id: string) {
  const [row] = await db.select().from(disbursements).where(eq(disbursements.id, id));
  return row;
}

/** The disbursement's changes of status, oldest first, from the audit log. */
export async function history(id: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "disbursement"), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);
  return rows.map((r) => r.action);
}
