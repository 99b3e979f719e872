import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { QRPay } from "vietnam-qr-pay";
import { disbursements, grants, groups, tranches } from "../../../db/schema";
import { decrypt, sealedAt } from "../../infra/crypto.server";
import type { Actor } from "../../kernel/actor";
import { refuseAll, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { can } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { hasPermission } from "../auth/permissions";
import { findBank, type BankOption } from "./banks.server";
import { disbursementMachine } from "./machine";
import { paymentReference } from "./reference";

// A bank transfer's VietQR code (NAPAS 247 / EMVCo: bank BIN, account, amount, purpose), for
// finance to scan in the programme's banking app. Drawing it needs the group's account in clear,
// so it is drawn on an explicit request (a POST, never a page load) and each drawing is written to
// the audit log as a reveal of the account, in the same transaction as the decryption.

export interface VietQr {
  svg: string;
  payload: string;
  account: string;
  bank: BankOption;
  amount: bigint;
  purpose: string;
}

export type VietQrResult = CommandResult<{ qr: VietQr }>;

/** The EMVCo payload; the purpose is plain ASCII, as some banking apps drop marked letters. */
export function vietQrPayload(input: { bin: string; account: string; amount: bigint; purpose: string }): string {
  return QRPay.initVietQR({ bankBin: input.bin, bankNumber: input.account, amount: input.amount.toString(), purpose: input.purpose }).build();
}

export async function drawVietQr(disbursementId: string, actor: Actor): Promise<VietQrResult> {
  if (!hasPermission(actor.user.roles, "pay:disbursement")) return { ok: false, status: 403, errors: { "": "disbursements.errors.notAllowed" } };
  if (!isUuid(disbursementId)) return { ok: false, status: 404, errors: { "": "disbursements.errors.notFound" } };
  const found = await run(async (tx) => {
    const [row] = await tx
      .select({
        status: disbursements.status,
        method: disbursements.method,
        amount: disbursements.amount,
        bankBin: disbursements.bankBin,
        position: tranches.position,
        groupId: groups.id,
        enc: groups.bankAccountEnc,
      })
      .from(disbursements)
      .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
      .innerJoin(grants, eq(grants.id, disbursements.grantId))
      .innerJoin(groups, eq(groups.id, grants.groupId))
      .where(eq(disbursements.id, disbursementId));
    if (!row) return refuseAll(404, "disbursements.errors.notFound");
    const bank = findBank(row.bankBin);
    if (row.method !== "bank_transfer" || !bank) return refuseAll(409, "disbursements.errors.wrongMethod");
    // Only an approved transfer is scanned (the machine's one way to paid by finance): before
    // approval, paying is refused anyway.
    if (!can(disbursementMachine, row.status, "paid", ["finance"])) return refuseAll(409, "disbursements.errors.notPayable");
    if (!row.enc) return refuseAll(409, "disbursements.errors.noBankAccount");
    const account = decrypt(row.enc, sealedAt("groups", "bank_account_enc", row.groupId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "group.bank_account_revealed",
      entityType: "group",
      entityId: row.groupId,
      ip: actor.ip,
      data: { as: "finance", purpose: "vietqr", disbursementId },
    });
    return { account, bank, amount: row.amount, purpose: paymentReference(disbursementId, row.position) };
  });
  if (!found.ok) return found;
  const payload = vietQrPayload({ bin: found.bank.bin, account: found.account, amount: found.amount, purpose: found.purpose });
  const svg = await QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 256 });
  return { ok: true, qr: { svg, payload, account: found.account, bank: found.bank, amount: found.amount, purpose: found.purpose } };
}
