import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { requireAccess, requireExportAllowance } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { impactExport } from "../modules/impact/export.server";

export const handle: RouteHandle = { access: ["admin", "finance"] };

/** A donor dataset as XLSX, streamed (see app/modules/impact/export.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["admin", "finance"]);
  await requireExportAllowance(request, user);
  return impactExport(request, "xlsx", await getLocale(request, user.locale));
}
