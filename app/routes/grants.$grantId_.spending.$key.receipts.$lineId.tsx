import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { fileLoader } from "../modules/auth/file-errors.server";
import { openReceipt } from "../modules/spending/reports.server";

// A spending line's receipt, for the group's people and admins. Images were re-encoded on upload;
// helmet's nosniff keeps the browser from reading a file as anything else.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const loader = fileLoader(async ({ request, params }) => {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const file = await openReceipt(user, params.grantId ?? "", params.key ?? "", params.lineId ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "private, no-store",
      ...(file.mime === "application/pdf" ? { "Content-Disposition": "inline" } : {}),
    },
  });
});
