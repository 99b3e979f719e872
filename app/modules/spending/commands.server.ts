import { and, eq, inArray } from "drizzle-orm";
import { budgetLines, grants, spendingLines, spendingReports } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { deleteFile, putFile } from "../../infra/storage.server";
import { formatDate } from "../../i18n/format";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { cleanFileName, cleanUpload, tooManyUploads } from "../applications/attachments.server";
import { writeAudit } from "../audit/audit.server";
import { relationTo } from "../groups/access.server";
import { closeGrantIfDone } from "../grants/completion.server";
import { markSpendingConditionMet } from "../grants/report-conditions.server";
import type { ReviewInput } from "../outcomes/outcomes.schema";
import { spendingMachine, type SpendingStatus } from "./machine";
import { tellOfSpendingReview, tellOfSpendingSubmission } from "./notices.server";
import { spendingBlocked, spendingGrant, spendingPeriods } from "./reports.server";
import { MAX_RECEIPT_BYTES, type SpendingInput } from "./spending.schema";

// The group's spending report (issue 14, item 5): what it spent on each approved budget line, when,
// with a receipt, and its own contribution. A draft as often as it likes, then a submission staff
// review like an outcome report. Every command locks the grant's row first (the approval that
// closes a grant locks it too), then the report's; every refusal rolls back and writes nothing.

export interface SpendingTarget {
  grantId: string;
  key: string;
}

type Notice = "spending.saved" | "spending.submitted" | "spending.receiptAdded" | "spending.receiptRemoved";

// Viet Nam keeps UTC+7 all year: its calendar day is UTC shifted by 7 hours.
const vnDate = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * The grant and its period, locked, with the report if written (locked too); refused unless the
 * actor acts for the grant's group and the group may still change the report.
 */
async function lockEditable(tx: DbOrTx, target: SpendingTarget, actor: Actor) {
  if (!isUuid(target.grantId)) return refuse(404, { "": "spending.errors.notFound" });
  await tx.select({ id: grants.id }).from(grants).where(eq(grants.id, target.grantId)).for("no key update");
  const grant = await spendingGrant(target.grantId, tx);
  if (!grant) return refuse(404, { "": "spending.errors.notFound" });
  // Another group's grant reads as unknown: guessing ids tells nothing.
  const relation = await relationTo(actor.user, grant.groupId, tx);
  if (relation !== "owner" && relation !== "facilitator") return refuse(404, { "": "spending.errors.notFound" });
  const period = (await spendingPeriods(grant.id, tx)).find((p) => p.key === target.key);
  if (!period) return refuse(404, { "": "spending.errors.notFound" });
  const [report] = await tx
    .select({ id: spendingReports.id, status: spendingReports.status })
    .from(spendingReports)
    .where(and(eq(spendingReports.grantId, grant.id), eq(spendingReports.key, period.key)))
    .for("update");
  const status = (report?.status ?? null) as SpendingStatus | null;
  const blocked = spendingBlocked(grant.status, status);
  if (blocked) return refuse(409, { "": blocked });
  return { grant, period, report: report ? { id: report.id, status: status! } : null };
}

/**
 * Saves the report as a draft (`intent` "save") or submits it for review ("submit"). Each line
 * must be one of the grant's approved budget lines, once, and dated between the day the group
 * accepted the agreement and today.
 */
export async function saveSpendingReport(
  target: SpendingTarget,
  input: SpendingInput,
  intent: "save" | "submit",
  actor: Actor,
): Promise<CommandResult<{ notice: Notice; reportId: string }>> {
  let droppedKeys: string[] = [];
  const result = await run(async (tx) => {
    const locked = await lockEditable(tx, target, actor);
    const given = input.budgetLineId.map((budgetLineId, i) => ({ budgetLineId, amount: input.amount[i], spentOn: input.spentOn[i], i }));
    if (new Set(given.map((g) => g.budgetLineId)).size !== given.length) return refuse(400, { "": "spending.errors.unknownLine" });
    const filled = given.filter((g) => g.amount !== null && g.spentOn !== null) as { budgetLineId: string; amount: bigint; spentOn: string; i: number }[];
    if (given.length > 0) {
      const known = await tx
        .select({ id: budgetLines.id })
        .from(budgetLines)
        .where(and(eq(budgetLines.applicationId, locked.grant.applicationId), inArray(budgetLines.id, given.map((g) => g.budgetLineId))));
      if (known.length !== given.length) return refuse(400, { "": "spending.errors.unknownLine" });
    }
    const from = locked.grant.acceptedAt ? vnDate(locked.grant.acceptedAt) : null;
    const today = vnDate(new Date());
    const errors: Record<string, string> = {};
    for (const line of filled) {
      if (line.amount <= 0n) errors[`amount.${line.i}`] = "spending.errors.amountPositive";
      if ((from && line.spentOn < from) || line.spentOn > today) {
        errors[`spentOn.${line.i}`] = `spending.errors.dateOutside?${new URLSearchParams({ from: from ? formatDate(from) : "—", to: formatDate(today) })}`;
      }
    }
    if (Object.keys(errors).length > 0) return refuse(400, errors);

    const now = new Date();
    let reportId = locked.report?.id ?? null;
    const own = { ownCash: input.ownCash, ownInKindValue: input.ownInKindValue, ownInKind: input.ownInKind, updatedAt: now };
    if (!reportId) {
      const [made] = await tx
        .insert(spendingReports)
        .values({ grantId: locked.grant.id, key: locked.period.key, ...own, createdBy: actor.user.id })
        .returning({ id: spendingReports.id });
      reportId = made.id;
      // A new report has no "from" in the transition table: its first audit row is written here.
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf: actor.onBehalfOf,
        action: "spending_report.draft",
        entityType: "spending_report",
        entityId: reportId,
        ip: actor.ip,
        data: { to: "draft", grantId: locked.grant.id, key: locked.period.key },
      });
    } else {
      await tx.update(spendingReports).set(own).where(eq(spendingReports.id, reportId));
    }
    // The lines as typed now: a line left blank is removed, with its receipt once committed.
    const existing = await tx
      .select({ id: spendingLines.id, budgetLineId: spendingLines.budgetLineId, receiptStorageKey: spendingLines.receiptStorageKey })
      .from(spendingLines)
      .where(eq(spendingLines.reportId, reportId));
    for (const line of filled) {
      const old = existing.find((e) => e.budgetLineId === line.budgetLineId);
      if (old) await tx.update(spendingLines).set({ amount: line.amount, spentOn: line.spentOn }).where(eq(spendingLines.id, old.id));
      else await tx.insert(spendingLines).values({ reportId, budgetLineId: line.budgetLineId, amount: line.amount, spentOn: line.spentOn });
    }
    const dropped = existing.filter((e) => !filled.some((f) => f.budgetLineId === e.budgetLineId));
    if (dropped.length > 0) await tx.delete(spendingLines).where(inArray(spendingLines.id, dropped.map((d) => d.id)));

    const data = {
      key: locked.period.key,
      lines: filled.length,
      spent: filled.reduce((s, l) => s + l.amount, 0n).toString(),
      ownCash: input.ownCash.toString(),
      ownInKindValue: input.ownInKindValue.toString(),
    };
    if (intent === "submit") {
      await applyTransition(tx, spendingMachine, {
        table: spendingReports,
        id: reportId,
        to: "submitted",
        actor,
        as: ["owner"],
        set: { submittedAt: now, submittedBy: actor.user.id },
        data,
      });
      await tellOfSpendingSubmission(tx, { id: reportId, grantId: locked.grant.id, groupId: locked.grant.groupId, key: locked.period.key, labelVi: locked.period.labelVi, labelEn: locked.period.labelEn });
    } else if (locked.report) {
      await writeAudit(tx, { actorId: actor.user.id, onBehalfOf: actor.onBehalfOf, action: "spending_report.saved", entityType: "spending_report", entityId: reportId, ip: actor.ip, data });
    }
    droppedKeys = dropped.flatMap((d) => (d.receiptStorageKey ? [d.receiptStorageKey] : []));
    return { notice: intent === "submit" ? ("spending.submitted" as const) : ("spending.saved" as const), reportId };
  });
  // After the commit: the rows are gone for good, so are their receipts.
  if (result.ok) for (const key of droppedKeys) await deleteFile(key);
  return result;
}

/**
 * Adds (or replaces) the receipt of one line already saved, judged and cleaned by the upload rules
 * (type from the bytes, images re-encoded without EXIF). Stored before the row is written,
 * removed again when refused.
 */
export async function addReceipt(target: SpendingTarget, budgetLineId: string, file: File, actor: Actor): Promise<CommandResult<{ notice: Notice }>> {
  if (file.size === 0) return { ok: false, status: 400, errors: { receipt: "spending.errors.fileRequired" } };
  if (file.size > MAX_RECEIPT_BYTES) return { ok: false, status: 400, errors: { receipt: "errors.fileTooLarge" } };
  if (!isUuid(budgetLineId)) return { ok: false, status: 400, errors: { receiptLine: "spending.errors.receiptLine" } };
  const cleaned = await cleanUpload(new Uint8Array(await file.arrayBuffer()), actor.user.id);
  if (!cleaned.ok) return cleaned.tooMany ? tooManyUploads("receipt") : { ok: false, status: 400, errors: { receipt: "errors.fileType" } };
  const key = await putFile(cleaned.bytes, cleaned.extension);
  let replaced: string | null = null;
  let kept = false;
  try {
    const result = await run(async (tx) => {
      const locked = await lockEditable(tx, target, actor);
      if (!locked.report) return refuse(400, { receiptLine: "spending.errors.receiptLine" });
      const [line] = await tx
        .select({ id: spendingLines.id, old: spendingLines.receiptStorageKey })
        .from(spendingLines)
        .where(and(eq(spendingLines.reportId, locked.report.id), eq(spendingLines.budgetLineId, budgetLineId)));
      if (!line) return refuse(400, { receiptLine: "spending.errors.receiptLine" });
      await tx
        .update(spendingLines)
        .set({ receiptStorageKey: key, receiptMime: cleaned.mime, receiptSize: cleaned.bytes.byteLength, receiptName: cleanFileName(file.name), receiptBy: actor.user.id })
        .where(eq(spendingLines.id, line.id));
      await tx.update(spendingReports).set({ updatedAt: new Date() }).where(eq(spendingReports.id, locked.report.id));
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf: actor.onBehalfOf,
        action: "spending_report.receipt_added",
        entityType: "spending_report",
        entityId: locked.report.id,
        ip: actor.ip,
        data: { lineId: line.id, mime: cleaned.mime, size: cleaned.bytes.byteLength },
      });
      replaced = line.old;
      return { notice: "spending.receiptAdded" as const };
    });
    kept = result.ok;
    if (result.ok && replaced) await deleteFile(replaced);
    return result;
  } finally {
    if (!kept) await deleteFile(key);
  }
}

export async function removeReceipt(target: SpendingTarget, lineId: string, actor: Actor): Promise<CommandResult<{ notice: Notice }>> {
  if (!isUuid(lineId)) return { ok: false, status: 400, errors: { "": "errors.invalid" } };
  let removedKey: string | null = null;
  const result = await run(async (tx) => {
    const locked = await lockEditable(tx, target, actor);
    if (!locked.report) return refuse(400, { "": "errors.invalid" });
    const [line] = await tx
      .select({ key: spendingLines.receiptStorageKey })
      .from(spendingLines)
      .where(and(eq(spendingLines.id, lineId), eq(spendingLines.reportId, locked.report.id)));
    if (!line?.key) return refuse(400, { "": "errors.invalid" });
    await tx
      .update(spendingLines)
      .set({ receiptStorageKey: null, receiptMime: null, receiptSize: null, receiptName: null, receiptBy: null })
      .where(eq(spendingLines.id, lineId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: actor.onBehalfOf,
      action: "spending_report.receipt_removed",
      entityType: "spending_report",
      entityId: locked.report.id,
      ip: actor.ip,
      data: { lineId },
    });
    removedKey = line.key;
    return { notice: "spending.receiptRemoved" as const };
  });
  if (result.ok && removedKey) await deleteFile(removedKey);
  return result;
}

/**
 * Staff approve the report or return it for changes. Approving meets the tranches that wait for
 * it and, for the final report, may close the grant — all in the approval's transaction.
 */
export async function reviewSpendingReport(
  reportId: string,
  input: ReviewInput,
  actor: Actor,
): Promise<CommandResult<{ notice: "spending.reviewed.approved" | "spending.reviewed.changes" }>> {
  if (!isUuid(reportId)) return { ok: false, status: 404, errors: { "": "spending.errors.notFound" } };
  return run(async (tx) => {
    const [first] = await tx.select({ grantId: spendingReports.grantId }).from(spendingReports).where(eq(spendingReports.id, reportId));
    if (!first) return refuse(404, { "": "spending.errors.notFound" });
    // The grant first, as every command on its money does: the close-out below changes it.
    await tx.select({ id: grants.id }).from(grants).where(eq(grants.id, first.grantId)).for("no key update");
    const [locked] = await tx
      .select({ id: spendingReports.id, key: spendingReports.key, status: spendingReports.status })
      .from(spendingReports)
      .where(eq(spendingReports.id, reportId))
      .for("update");
    if (locked.status === "approved") return refuse(409, { "": "spending.errors.alreadyApproved" });
    if (locked.status !== "submitted") return refuse(409, { "": "spending.errors.notSubmitted" });
    const to: SpendingStatus = input.decision === "approve" ? "approved" : "changes_requested";
    const now = new Date();
    await applyTransition(tx, spendingMachine, {
      table: spendingReports,
      id: locked.id,
      to,
      actor,
      as: partiesOf(actor.user),
      set: { reviewedAt: now, reviewedBy: actor.user.id, reviewMessage: input.message || null, updatedAt: now },
      data: { key: locked.key, message: input.message },
    });
    const grant = (await spendingGrant(first.grantId, tx))!;
    const period = (await spendingPeriods(grant.id, tx)).find((p) => p.key === locked.key);
    await tellOfSpendingReview(
      tx,
      { id: locked.id, grantId: grant.id, groupId: grant.groupId, key: locked.key, labelVi: period?.labelVi ?? locked.key, labelEn: period?.labelEn ?? locked.key },
      { outcome: to, message: input.message },
    );
    if (to === "approved") {
      await markSpendingConditionMet(tx, grant.id, locked.key, { id: actor.user.id, ip: actor.ip });
      await closeGrantIfDone(tx, grant.id);
    }
    return { notice: to === "approved" ? ("spending.reviewed.approved" as const) : ("spending.reviewed.changes" as const) };
  });
}
