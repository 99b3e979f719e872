import { getLocale } from "../i18n/locale.server";
import { auditCsv } from "../modules/audit/audit-csv.server";
import { readAuditFilter } from "../modules/audit/audit-read.server";
import { fileLoader } from "../modules/auth/file-errors.server";
import { requireExportAllowance, requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

export const handle: RouteHandle = { access: ["admin"] };

/** The audit log as filtered on its page, for an auditor's spreadsheet. */
export const loader = fileLoader(async ({ request }) => {
  const user = await requirePermission(request, "read:audit");
  await requireExportAllowance(request, user);
  const body = await auditCsv(readAuditFilter(new URL(request.url)), await getLocale(request, user.locale));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "no-store",
    },
  });
});
