import { getLocale } from "../i18n/locale.server";
import { requireAccess, requireExportAllowance } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { impactExport } from "../modules/impact/export.server";
import { fileLoader } from "../modules/auth/file-errors.server";

export const handle: RouteHandle = { access: ["admin", "finance"] };

/** A donor dataset as CSV, streamed (see app/modules/impact/export.server.ts). */
export const loader = fileLoader(async ({ request }) => {
  const user = await requireAccess(request, ["admin", "finance"]);
  await requireExportAllowance(request, user);
  return impactExport(request, "csv", await getLocale(request, user.locale));
});
