import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { openAttachment } from "../modules/applications/attachments.server";

export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

// A download, never shown in the page: the browser saves it, and may not guess another type
// (helmet sends X-Content-Type-Options: nosniff with every response, this one included).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const file = await openAttachment(user, params.id ?? "", params.attachmentId ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": file.disposition,
      "Cache-Control": "private, no-store",
    },
  });
}
