import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { applications, disbursements, grants, groups, programmes, rounds, tranches, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { isUuid } from "../../kernel/ids";
import { readFile } from "../../infra/storage.server";
import { findBank } from "./banks.server";
import { historiesOf } from "./ledger.server";

// One disbursement as finance reads it: the page with its actions, the printable cash receipt
// (phiếu chi), and the signed scan.

const preparer = alias(users, "preparer");
const approver = alias(users, "approver");

/** The disbursement with its grant, group and tranche; null for an unknown id. */
export async function loadDisbursement(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: disbursements.id,
      grantId: disbursements.grantId,
      amount: disbursements.amount,
      method: disbursements.method,
      status: disbursements.status,
      recipientName: disbursements.recipientName,
      bankBin: disbursements.bankBin,
      note: disbursements.note,
      preparedBy: disbursements.preparedBy,
      preparedAt: disbursements.preparedAt,
      preparerName: preparer.name,
      approvedBy: disbursements.approvedBy,
      approvedAt: disbursements.approvedAt,
      approverName: approver.name,
      stripeTransferId: disbursements.stripeTransferId,
      bankReference: disbursements.bankReference,
      paidOn: disbursements.paidOn,
      paidAt: disbursements.paidAt,
      hasReceipt: disbursements.receiptStorageKey,
      failureMessage: disbursements.failureMessage,
      trancheId: tranches.id,
      position: tranches.position,
      trancheAmount: tranches.amount,
      groupName: groups.name,
      leaderName: groups.leaderName,
      commune: groups.commune,
      village: groups.village,
      bankName: groups.bankName,
      bankAccountLast4: groups.bankAccountLast4,
      bankAccountHolder: groups.bankAccountHolder,
      title: applications.title,
      roundVi: rounds.titleVi,
      roundEn: rounds.titleEn,
      programmeVi: programmes.nameVi,
      programmeEn: programmes.nameEn,
    })
    .from(disbursements)
    .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .innerJoin(preparer, eq(preparer.id, disbursements.preparedBy))
    .leftJoin(approver, eq(approver.id, disbursements.approvedBy))
    .where(eq(disbursements.id, id));
  if (!row) return null;
  const histories = await historiesOf([id]);
  const { hasReceipt, ...rest } = row;
  return { ...rest, hasReceipt: hasReceipt !== null, bank: findBank(row.bankBin), history: histories.get(id) ?? [] };
}

export type DisbursementDetail = NonNullable<Awaited<ReturnType<typeof loadDisbursement>>>;

/** The signed receipt's scan, for finance and admins; null when there is none. */
export async function openReceiptScan(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ key: disbursements.receiptStorageKey }).from(disbursements).where(eq(disbursements.id, id));
  if (!row?.key) return null;
  const extension = row.key.split(".").pop() ?? "bin";
  const mime = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", pdf: "application/pdf" }[extension] ?? "application/octet-stream";
  return { bytes: await readFile(row.key), mime, filename: `phieu-chi-${id.slice(0, 8)}.${extension}` };
}
