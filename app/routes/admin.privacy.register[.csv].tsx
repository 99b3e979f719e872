import { getLocale } from "../i18n/locale.server";
import { fileLoader } from "../modules/auth/file-errors.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { registerCsv } from "../modules/privacy/register.server";

export const handle: RouteHandle = { access: ["admin"] };

/** The register of processing as a file: an input of the impact and cross-border dossiers. */
export const loader = fileLoader(async ({ request }) => {
  const user = await requireAccess(request, ["admin"]);
  return new Response(await registerCsv(await getLocale(request, user.locale)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="gieo-processing-register.csv"',
      "Cache-Control": "no-store",
    },
  });
});
