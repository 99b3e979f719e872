import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { openReportPhoto } from "../modules/outcomes/reports.server";
import { fileLoader } from "../modules/auth/file-errors.server";

// A report's photo, for the group's people and staff. Shown inline (it is an image, re-encoded on
// upload); helmet's nosniff keeps the browser from reading it as anything else.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const loader = fileLoader(async ({ request, params }) => {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const file = await openReportPhoto(user, params.reportId ?? "", params.photoId ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
});
