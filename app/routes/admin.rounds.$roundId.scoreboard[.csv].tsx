import { getLocale } from "../i18n/locale.server";
import { notFoundUnless, requireAccess, requireExportAllowance } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { readView } from "../modules/reviews/scoreboard.schema";
import { scoreboardCsv } from "../modules/reviews/scoreboard-csv.server";
import { loadScoreboardRound, scoreboardRows } from "../modules/reviews/scoreboard.server";
import { fileLoader } from "../modules/auth/file-errors.server";

export const handle: RouteHandle = { access: ["admin"] };

/** The scoreboard as CSV, every row, with the page's sort and filters. */
export const loader = fileLoader(async ({ request, params }) => {
  const admin = await requireAccess(request, ["admin"]);
  await requireExportAllowance(request, admin);
  const round = await loadScoreboardRound(params.roundId ?? "");
  notFoundUnless(round);
  const view = readView(new URL(request.url).searchParams);
  const { rows } = await scoreboardRows(round, { view, page: null });
  const body = scoreboardCsv(round, rows, await getLocale(request, admin.locale));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="scoreboard-${round.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
