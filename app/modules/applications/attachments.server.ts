import { and, asc, count, eq } from "drizzle-orm";
import { applications, attachments } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { hit, type Limit } from "../../infra/rate-limit.server";
import { deleteFile, putFile, readFile } from "../../infra/storage.server";
import type { Actor, User } from "../../kernel/actor";
import { isUuid } from "../../kernel/ids";
import type { CommandResult } from "../../kernel/result";
import { MAX_UPLOAD_BYTES, reencodeImage, sniffType } from "../../infra/uploads.server";
import { writeAudit } from "../audit/audit.server";
import { isEditable, requireReadableApplication } from "./applications.server";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentKind } from "./applications.schema";

// What the programme accepts, decided from the file's first bytes (never from its name or the
// browser's word), and how each kind is stored.
const accepted = {
  "image/jpeg": { extension: "jpg", image: "jpeg" },
  "image/png": { extension: "png", image: "png" },
  "image/webp": { extension: "webp", image: "webp" },
  "application/pdf": { extension: "pdf", image: null },
} as const;

type AcceptedMime = keyof typeof accepted;

export type CleanUpload =
  | { ok: true; bytes: Uint8Array; mime: AcceptedMime; extension: string }
  | { ok: false; tooMany?: true };

/**
 * Uploads one person may send in an hour: judging and re-encoding a file costs the server far
 * more than any other request, so a script cannot keep it busy. Generous for a facilitator
 * filling in several groups' reports in one sitting.
 */
export const UPLOAD_LIMIT: Limit = { name: "upload:user", max: 120, windowMs: 60 * 60 * 1000 };

/** The refusal for an upload over UPLOAD_LIMIT, on the form's file field. */
export function tooManyUploads<F extends string>(field: F) {
  return { ok: false as const, status: 429 as const, errors: { [field]: "errors.tooManyUploads" } as Record<F, string> };
}

/**
 * The one place an upload is judged and cleaned. The type comes from the bytes; images are
 * decoded and encoded again, turned upright first, so that nothing of the original file but its
 * pixels is kept. Both parsers are bounded in infra/uploads.server.ts.
 */
export async function cleanUpload(bytes: Uint8Array, uploaderId: string): Promise<CleanUpload> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false };
  if (!(await hit(UPLOAD_LIMIT, uploaderId)).allowed) return { ok: false, tooMany: true };
  const type = await sniffType(bytes);
  if (!type || !(type in accepted)) return { ok: false };
  const mime = type as AcceptedMime;
  const { extension, image } = accepted[mime];
  if (!image) return { ok: true, bytes, mime, extension };
  const output = await reencodeImage(bytes, image);
  return output ? { ok: true, bytes: output, mime, extension } : { ok: false };
}

/** A name safe to show and to offer on download: no folders, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize("NFC").replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 120);
  return cleaned || "tep";
}

async function editableFor(applicationId: string) {
  const [row] = await db
    .select({ status: applications.status, reopened: applications.reopenedFields })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row;
}

function refusal(row: { status: Parameters<typeof isEditable>[0]; reopened: string[] } | undefined): CommandResult | null {
  if (!row) return { ok: false, status: 404, errors: { "": "errors.invalid" } };
  if (!isEditable(row.status)) return { ok: false, status: 409, errors: { "": "applications.errors.notEditable" } };
  if (row.status === "clarification_requested" && !row.reopened.includes("attachments")) {
    return { ok: false, status: 400, errors: { file: "applications.errors.fieldLocked" } };
  }
  return null;
}

export async function addAttachment(actor: Actor, applicationId: string, input: { kind: AttachmentKind; file: File }): Promise<CommandResult> {
  const early = refusal(await editableFor(applicationId));
  if (early) return early;
  if (input.file.size === 0) return { ok: false, status: 400, errors: { file: "applications.errors.fileRequired" } };
  if (input.file.size > MAX_ATTACHMENT_BYTES) return { ok: false, status: 400, errors: { file: "errors.fileTooLarge" } };
  const cleaned = await cleanUpload(new Uint8Array(await input.file.arrayBuffer()), actor.user.id);
  if (!cleaned.ok) return cleaned.tooMany ? tooManyUploads("file") : { ok: false, status: 400, errors: { file: "errors.fileType" } };

  // Stored before the row is written: a file without a row can be swept, a row without its file could not be read.
  const key = await putFile(cleaned.bytes, cleaned.extension);
  const originalName = cleanFileName(input.file.name);
  try {
    const outcome = await db.transaction(async (tx): Promise<CommandResult> => {
      const [row] = await tx
        .select({ status: applications.status, reopened: applications.reopenedFields })
        .from(applications)
        .where(eq(applications.id, applicationId))
        .for("update");
      const refused = refusal(row);
      if (refused) return refused;
      const [{ n }] = await tx.select({ n: count() }).from(attachments).where(eq(attachments.applicationId, applicationId));
      if (n >= MAX_ATTACHMENTS) return { ok: false, status: 400, errors: { file: "applications.errors.tooManyFiles" } };
      const [saved] = await tx
        .insert(attachments)
        .values({
          applicationId,
          kind: input.kind,
          originalName,
          storageKey: key,
          mime: cleaned.mime,
          size: cleaned.bytes.byteLength,
          uploadedBy: actor.user.id,
        })
        .returning({ id: attachments.id });
      await tx.update(applications).set({ updatedAt: new Date() }).where(eq(applications.id, applicationId));
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf: actor.onBehalfOf,
        action: "application.attachment_added",
        entityType: "application",
        entityId: applicationId,
        ip: actor.ip,
        data: { attachmentId: saved.id, kind: input.kind, mime: cleaned.mime, size: cleaned.bytes.byteLength },
      });
      return { ok: true };
    });
    if (!outcome.ok) await deleteFile(key);
    return outcome;
  } catch (error) {
    await deleteFile(key);
    throw error;
  }
}

export async function removeAttachment(actor: Actor, applicationId: string, attachmentId: string): Promise<CommandResult> {
  if (!isUuid(attachmentId)) return { ok: false, status: 400, errors: { "": "errors.invalid" } };
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: applications.status, reopened: applications.reopenedFields })
      .from(applications)
      .where(eq(applications.id, applicationId))
      .for("update");
    const refused = refusal(row);
    if (refused) return { outcome: refused };
    // Both ids must match: another application's attachment is not found here.
    const [removed] = await tx
      .delete(attachments)
      .where(and(eq(attachments.id, attachmentId), eq(attachments.applicationId, applicationId)))
      .returning({ storageKey: attachments.storageKey, kind: attachments.kind });
    if (!removed) return { outcome: { ok: false, status: 400, errors: { "": "errors.invalid" } } as CommandResult };
    await tx.update(applications).set({ updatedAt: new Date() }).where(eq(applications.id, applicationId));
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: actor.onBehalfOf,
      action: "application.attachment_removed",
      entityType: "application",
      entityId: applicationId,
      ip: actor.ip,
      data: { attachmentId, kind: removed.kind },
    });
    return { outcome: { ok: true } as CommandResult, key: removed.storageKey };
  });
  // After the commit: the row is gone for good, so is the file.
  if ("key" in outcome && outcome.key) await deleteFile(outcome.key);
  return outcome.outcome;
}

export function listAttachments(applicationId: string) {
  return db
    .select({ id: attachments.id, kind: attachments.kind, originalName: attachments.originalName, mime: attachments.mime, size: attachments.size, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.applicationId, applicationId))
    .orderBy(asc(attachments.createdAt));
}

function asciiFallback(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[^A-Za-z0-9._-]+/g, "_");
}

/**
 * The file, for someone who may read the application (the group's people, admins); 404 for
 * anyone else and for an attachment of another application.
 */
export async function openAttachment(user: User, applicationId: string, attachmentId: string) {
  const { application } = await requireReadableApplication(user, applicationId);
  return fileOf(application.id, attachmentId);
}

/**
 * The file for a reviewer, whose right to read it the reviews module has checked. Offered under
 * a name made of its kind and number, never the name it was uploaded with: a group names its
 * files after its people ("CCCD Lò Thị Hoa.jpg"), and reviewers see no personal data.
 */
export async function openAttachmentAnonymously(applicationId: string, attachmentId: string) {
  return fileOf(applicationId, attachmentId, (row, position) => `${row.kind}-${position}`);
}

/** The application's files as a reviewer sees them listed: kind, number and size, no uploaded name. */
export async function listAttachmentsAnonymously(applicationId: string) {
  const rows = await listAttachments(applicationId);
  return rows.map((row) => ({ id: row.id, kind: row.kind, position: positionOf(rows, row), mime: row.mime, size: row.size }));
}

/** Its number among the application's files of the same kind, in upload order (photo 1, photo 2…). */
function positionOf(rows: readonly { id: string; kind: string }[], row: { id: string; kind: string }) {
  return rows.filter((r) => r.kind === row.kind).findIndex((r) => r.id === row.id) + 1;
}

async function fileOf(
  applicationId: string,
  attachmentId: string,
  nameOf?: (row: typeof attachments.$inferSelect, position: number) => string,
) {
  if (!isUuid(attachmentId) || !isUuid(applicationId)) return null;
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.applicationId, applicationId)))
    .limit(1);
  if (!row) return null;
  const extension = accepted[row.mime as AcceptedMime]?.extension ?? "bin";
  const stem = nameOf ? nameOf(row, positionOf(await listAttachments(applicationId), row)) : row.originalName.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "tep";
  const name = `${stem}.${extension}`;
  return {
    bytes: await readFile(row.storageKey),
    mime: row.mime,
    disposition: `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  };
}
