import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { openReceiptScan } from "../modules/disbursements/detail.server";
import { fileLoader } from "../modules/auth/file-errors.server";

export const handle: RouteHandle = { access: ["finance", "admin"] };

/** The signed cash receipt's scan, as finance uploaded it (cleaned: type from its bytes, no EXIF). */
export const loader = fileLoader(async ({ request, params }) => {
  await requireAccess(request, ["finance", "admin"]);
  const scan = await openReceiptScan(params.id ?? "");
  notFoundUnless(scan);
  return new Response(new Uint8Array(scan.bytes), {
    headers: {
      "Content-Type": scan.mime,
      "Content-Disposition": `attachment; filename="${scan.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
