import { and, count, eq, inArray } from "drizzle-orm";
import { groupMembers, grants, outcomeMemberIncomes, outcomeReportPhotos, outcomeReports } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { deleteFile, putFile } from "../../infra/storage.server";
import { formatMoney } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { cleanFileName, cleanUpload, tooManyUploads } from "../applications/attachments.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { consenting } from "../consents/ledger.server";
import { writeAudit } from "../audit/audit.server";
import { tellStaffOfSubmission } from "./notices.server";
import { MAX_PHOTO_BYTES, MAX_REPORT_PHOTOS, missingForSubmit, womenOverMembers, type ReportInput } from "./outcomes.schema";
import { blockedReason, type Report } from "./reports.server";
import { getOutcomeSettings } from "./settings.server";
import { reportMachine, type ReportStatus } from "./machine";

// The group fills its outcome report (SPEC.md step 9): a draft as often as it likes, then a
// submission staff review. The report's row is locked first, so a save racing a review or a
// second submission sees what the other did; every refusal rolls back and writes nothing.

/** The report's row locked until the transaction ends, with its grant's state; refused when the group cannot change it. */
async function lockEditable(tx: DbOrTx, reportId: string) {
  const [row] = await tx
    .select({ id: outcomeReports.id, key: outcomeReports.key, status: outcomeReports.status, grantId: outcomeReports.grantId, labelVi: outcomeReports.labelVi, labelEn: outcomeReports.labelEn })
    .from(outcomeReports)
    .where(eq(outcomeReports.id, reportId))
    .for("update");
  if (!row) return refuse(404, { "": "outcomes.errors.notFound" });
  const [grant] = await tx.select({ status: grants.status, groupId: grants.groupId }).from(grants).where(eq(grants.id, row.grantId));
  const status = row.status as ReportStatus;
  const blocked = blockedReason({ status, grantStatus: grant!.status, key: row.key });
  if (blocked) return refuse(blocked === "outcomes.errors.baselineFixed" ? 400 : 409, { "": blocked });
  return { ...row, status, groupId: grant!.groupId };
}

/** Which fields were given, for the audit row: members' incomes are personal data and stay out of the append-only log. */
function filled(input: ReportInput): string[] {
  const names: string[] = [];
  if (input.avgMonthlyIncome !== null) names.push("avgMonthlyIncome");
  if (input.sales !== null) names.push("sales");
  if (input.womenEarning !== null) names.push("womenEarning");
  if (input.areaHa !== null) names.push("area");
  if (input.quantityProduced !== null) names.push("quantityProduced");
  if (input.story) names.push("story");
  if (input.memberIncome.some((v) => v !== null)) names.push("memberIncomes");
  return names;
}

/**
 * Saves the report's figures as a draft (`intent` "save") or submits them for review ("submit").
 * Submitting needs the average income; every income is checked against the admin's bound again
 * here, and each member named must be on this group's roster.
 */
export async function saveReport(
  report: Pick<Report, "id">,
  input: ReportInput,
  intent: "save" | "submit",
  actor: Actor,
  locale: Locale,
): Promise<CommandResult<{ notice: "outcomes.saved" | "outcomes.submitted" }>> {
  return run(async (tx) => {
    const locked = await lockEditable(tx, report.id);
    if (intent === "submit") {
      const missing = missingForSubmit(input);
      if (Object.keys(missing).length > 0) return refuse(400, missing);
    }
    const { maxMonthlyIncome } = await getOutcomeSettings(tx);
    const tooHigh = `outcomes.errors.incomeTooHigh?${new URLSearchParams({ max: formatMoney(maxMonthlyIncome, locale) })}`;
    if (input.avgMonthlyIncome !== null && input.avgMonthlyIncome > maxMonthlyIncome) return refuse(400, { avgMonthlyIncome: tooHigh });
    if (input.memberIncome.some((v) => v !== null && v > maxMonthlyIncome)) return refuse(400, { memberIncome: tooHigh });

    if (input.womenEarning !== null) {
      // The roster as it stands now, under the report's lock: the browser checked the page's count.
      const [roster] = await tx.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, locked.groupId));
      if (input.womenEarning > roster.n) return refuse(400, { womenEarning: womenOverMembers(roster.n) });
    }

    const given = input.memberId.map((memberId, i) => ({ memberId, income: input.memberIncome[i] })).filter((m) => m.income !== null);
    if (given.length > 0) {
      const known = await tx
        .select({ id: groupMembers.id })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, locked.groupId), inArray(groupMembers.id, given.map((m) => m.memberId))));
      if (known.length !== given.length) return refuse(400, { memberIncome: "outcomes.errors.unknownMember" });
    }
    // A member who has not consented to outcome monitoring is left out of per-member figures.
    const monitored = await consenting(tx, "member", given.map((m) => m.memberId), "monitoring");
    const recorded = given.filter((m) => monitored.has(m.memberId));

    const now = new Date();
    const to: ReportStatus = intent === "submit" ? "submitted" : locked.status === "pending" ? "draft" : locked.status;
    await tx
      .update(outcomeReports)
      .set({
        avgMonthlyIncome: input.avgMonthlyIncome,
        sales: input.sales,
        womenEarning: input.womenEarning,
        areaSqm: input.areaHa,
        quantityProduced: input.quantityProduced,
        quantityUnit: input.quantityProduced === null ? "" : input.quantityUnit,
        story: input.story,
        ...(intent === "submit" ? { submittedAt: now, submittedBy: actor.user.id } : {}),
        updatedAt: now,
      })
      .where(eq(outcomeReports.id, locked.id));
    await tx.delete(outcomeMemberIncomes).where(eq(outcomeMemberIncomes.reportId, locked.id));
    if (recorded.length > 0) {
      await tx.insert(outcomeMemberIncomes).values(recorded.map((m) => ({ reportId: locked.id, memberId: m.memberId, monthlyIncome: m.income! })));
    }
    const data = { key: locked.key, fields: filled(input) };
    if (to !== locked.status) {
      await applyTransition(tx, reportMachine, { table: outcomeReports, id: locked.id, to, actor, as: ["owner"], data });
    } else {
      await writeAudit(tx, { actorId: actor.user.id, onBehalfOf: actor.onBehalfOf, action: "outcome_report.saved", entityType: "outcome_report", entityId: locked.id, ip: actor.ip, data });
    }
    if (intent === "submit") await tellStaffOfSubmission(tx, { id: locked.id, groupId: locked.groupId, labelVi: locked.labelVi, labelEn: locked.labelEn });
    return { notice: intent === "submit" ? ("outcomes.submitted" as const) : ("outcomes.saved" as const) };
  });
}

/** Only photographs: the application's upload rules, without its PDF. */
const photoMimes = new Set(["image/jpeg", "image/png", "image/webp"]);

/**
 * Adds a photo, judged and cleaned by the applications' upload rules (type from the bytes,
 * re-encoded without EXIF). Stored before the row is written, removed again when refused.
 */
export async function addReportPhoto(report: Pick<Report, "id">, file: File, actor: Actor): Promise<CommandResult<{ notice: "outcomes.photoAdded" }>> {
  if (file.size === 0) return { ok: false, status: 400, errors: { file: "outcomes.errors.fileRequired" } };
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, status: 400, errors: { file: "errors.fileTooLarge" } };
  const cleaned = await cleanUpload(new Uint8Array(await file.arrayBuffer()), actor.user.id);
  if (!cleaned.ok && cleaned.tooMany) return tooManyUploads("file");
  if (!cleaned.ok || !photoMimes.has(cleaned.mime)) return { ok: false, status: 400, errors: { file: "outcomes.errors.photoType" } };
  const key = await putFile(cleaned.bytes, cleaned.extension);
  try {
    const result = await run(async (tx) => {
      const locked = await lockEditable(tx, report.id);
      const [{ n }] = await tx.select({ n: count() }).from(outcomeReportPhotos).where(eq(outcomeReportPhotos.reportId, locked.id));
      if (n >= MAX_REPORT_PHOTOS) return refuse(400, { file: `outcomes.errors.tooManyPhotos?max=${MAX_REPORT_PHOTOS}` });
      const [saved] = await tx
        .insert(outcomeReportPhotos)
        .values({ reportId: locked.id, originalName: cleanFileName(file.name), storageKey: key, mime: cleaned.mime, size: cleaned.bytes.byteLength, uploadedBy: actor.user.id })
        .returning({ id: outcomeReportPhotos.id });
      await tx.update(outcomeReports).set({ updatedAt: new Date() }).where(eq(outcomeReports.id, locked.id));
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf: actor.onBehalfOf,
        action: "outcome_report.photo_added",
        entityType: "outcome_report",
        entityId: locked.id,
        ip: actor.ip,
        data: { photoId: saved.id, mime: cleaned.mime, size: cleaned.bytes.byteLength },
      });
      return { notice: "outcomes.photoAdded" as const };
    });
    if (!result.ok) await deleteFile(key);
    return result;
  } catch (error) {
    await deleteFile(key);
    throw error;
  }
}

export async function removeReportPhoto(report: Pick<Report, "id">, photoId: string, actor: Actor): Promise<CommandResult<{ notice: "outcomes.photoRemoved" }>> {
  if (!isUuid(photoId)) return { ok: false, status: 400, errors: { "": "errors.invalid" } };
  let removedKey: string | null = null;
  const result = await run(async (tx) => {
    const locked = await lockEditable(tx, report.id);
    const [removed] = await tx
      .delete(outcomeReportPhotos)
      .where(and(eq(outcomeReportPhotos.id, photoId), eq(outcomeReportPhotos.reportId, locked.id)))
      .returning({ storageKey: outcomeReportPhotos.storageKey });
    if (!removed) return refuse(400, { "": "errors.invalid" });
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: actor.onBehalfOf,
      action: "outcome_report.photo_removed",
      entityType: "outcome_report",
      entityId: locked.id,
      ip: actor.ip,
      data: { photoId },
    });
    removedKey = removed.storageKey;
    return { notice: "outcomes.photoRemoved" as const };
  });
  // After the commit: the row is gone for good, so is the file.
  if (result.ok && removedKey) await deleteFile(removedKey);
  return result;
}

