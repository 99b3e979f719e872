import { requireAccess } from "../modules/auth/guards.server";
import { fileLoader } from "../modules/auth/file-errors.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { openVisitPhoto } from "../modules/visits/visits.server";

// A site visit's photo, for whoever reads the grant's visits. Shown inline (re-encoded on upload).
const access = ["admin", "finance", "facilitator"] as const;
export const handle: RouteHandle = { access };

export const loader = fileLoader(async ({ request, params }) => {
  const user = await requireAccess(request, access);
  const file = await openVisitPhoto(user, params.grantId ?? "", params.photoId ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: { "Content-Type": file.mime, "Content-Length": String(file.bytes.byteLength), "Cache-Control": "private, no-store" },
  });
});
