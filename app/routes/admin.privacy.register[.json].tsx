import { fileLoader } from "../modules/auth/file-errors.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { registerJson } from "../modules/privacy/register.server";

export const handle: RouteHandle = { access: ["admin"] };

/** The register of processing as a file: an input of the impact and cross-border dossiers. */
export const loader = fileLoader(async ({ request }) => {
  await requireAccess(request, ["admin"]);
  return new Response(await registerJson(), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="gieo-processing-register.json"',
      "Cache-Control": "no-store",
    },
  });
});
