import { translator } from "../i18n/i18n";
import { getLocale } from "../i18n/locale.server";
import { isUuid } from "../kernel/ids";
import { parseListFilters, roundApplicationsCsv } from "../modules/applications/admin-list.server";
import { notFoundUnless, requireAccess, requireExportAllowance } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { findRound } from "../modules/programmes/rounds.server";
import { fileLoader } from "../modules/auth/file-errors.server";

export const handle: RouteHandle = { access: ["admin"] };

/** The round's list as the page shows it (same filters), as a CSV file for spreadsheets. */
export const loader = fileLoader(async ({ request, params }) => {
  const admin = await requireAccess(request, ["admin"]);
  await requireExportAllowance(request, admin);
  const round = isUuid(params.roundId) ? await findRound(params.roundId) : null;
  notFoundUnless(round);
  const locale = await getLocale(request, admin.locale);
  const parsed = await parseListFilters(new URL(request.url));
  if (!parsed.ok) {
    const t = translator(locale);
    return new Response(Object.entries(parsed.errors).map(([field, key]) => `${field}: ${t.dynamic(key)}`).join("\n"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(roundApplicationsCsv(round.id, parsed.filters, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="applications-${round.id.slice(0, 8)}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
