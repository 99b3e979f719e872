import { getLocale } from "../i18n/locale.server";
import { requireAccess, requireExportAllowance } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { disbursementsCsv, readCsvFilter } from "../modules/disbursements/disbursements-csv.server";
import { fileLoader } from "../modules/auth/file-errors.server";

export const handle: RouteHandle = { access: ["finance", "admin"] };

/** Every disbursement as CSV; ?grant= gives one grant's ledger, ?round= one round's. */
export const loader = fileLoader(async ({ request }) => {
  const user = await requireAccess(request, ["finance", "admin"]);
  await requireExportAllowance(request, user);
  const filter = readCsvFilter(new URL(request.url));
  if (!filter) throw new Response("Bad request", { status: 400 });
  const body = await disbursementsCsv(filter, await getLocale(request, user.locale));
  const name = filter.grantId ? `disbursements-${filter.grantId}` : filter.roundId ? `disbursements-round-${filter.roundId}` : "disbursements";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
