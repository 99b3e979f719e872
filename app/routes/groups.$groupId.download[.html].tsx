import type { ActionFunctionArgs } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { exportGroupData } from "../modules/privacy/export.server";

// The file itself, posted from /groups/:groupId/download: a resource route answers with the raw file.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const { html, filename } = await exportGroupData({ user, ip: context?.ip ?? "" }, groupId, await getLocale(request, user.locale));
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

