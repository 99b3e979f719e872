import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { openAttachment } from "../modules/applications/attachments.server";
import { openAttachmentAsReviewer } from "../modules/reviews/reviewer.server";
import { fileLoader } from "../modules/auth/file-errors.server";

export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin", "reviewer"] };

// A download, never shown in the page: the browser saves it, and may not guess another type
// (helmet sends X-Content-Type-Options: nosniff with every response, this one included).
export const loader = fileLoader(async ({ request, params }) => {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin", "reviewer"]);
  const id = params.id ?? "";
  const attachmentId = params.attachmentId ?? "";
  // A reviewer reads the files of the applications she reviews (not those she has a conflict
  // with); any other file is not found for her, as any other assignment is (guessing ids tells
  // nothing). Everyone else is answered as the application's own readers are.
  const asReviewer = await openAttachmentAsReviewer(user, id, attachmentId);
  let file;
  if (asReviewer.allowed) file = asReviewer.file;
  else if (user.roles.some((role) => role === "applicant" || role === "facilitator" || role === "admin")) file = await openAttachment(user, id, attachmentId);
  else file = null;
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": file.disposition,
      "Cache-Control": "private, no-store",
    },
  });
});
