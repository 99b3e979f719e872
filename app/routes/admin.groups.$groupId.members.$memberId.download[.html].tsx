import type { ActionFunctionArgs } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { exportMemberData } from "../modules/privacy/export.server";

// One member's own data, produced by an admin on her request (issue 15, item 2). Producing it is
// logged, so it is a POST, from the group's personal-data page.
export const handle: RouteHandle = { access: ["admin"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["admin"]);
  const groupId = requireUuid(params.groupId);
  const memberId = requireUuid(params.memberId);
  const { html, filename } = await exportMemberData({ user, ip: context?.ip ?? "" }, groupId, memberId, await getLocale(request, user.locale));
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
