import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "../components/ui/pager";
import { formatDate, formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { reviewFilters, type ReviewFilter } from "../modules/outcomes/outcomes.schema";
import { countWaiting, listReportsForReview } from "../modules/outcomes/review.server";

// Staff's list of outcome reports; by default those waiting for review, oldest first.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = () => [{ title: "Gieo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review:reports");
  const url = new URL(request.url);
  const asked = url.searchParams.get("status") ?? "submitted";
  const filter: ReviewFilter = (reviewFilters as readonly string[]).includes(asked) ? (asked as ReviewFilter) : "submitted";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [list, waiting] = await Promise.all([listReportsForReview({ filter, page }), countWaiting()]);
  return { ...list, filter, page, waiting };
}

export default function ReportsForReview() {
  const t = useT();
  const { rows, hasNext, filter, page, waiting } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("outcomes.admin.title")}</h1>
      <p>
        {t("outcomes.admin.waiting", { count: waiting })} · <Link to="/admin/reports/settings">{t("outcomes.settings.title")}</Link>
      </p>
      <nav aria-label={t("outcomes.admin.filter")}>
        <p className="inline-form">
          {reviewFilters.map((f) =>
            f === filter ? (
              <strong key={f} aria-current="page">
                {t.dynamic(`outcomes.filter.${f}`)}
              </strong>
            ) : (
              <Link key={f} to={`?status=${f}`}>
                {t.dynamic(`outcomes.filter.${f}`)}
              </Link>
            ),
          )}
        </p>
      </nav>
      {rows.length === 0 ? (
        <p>{t("outcomes.admin.empty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("outcomes.admin.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("outcomes.admin.colReport")}</th>
                <th scope="col">{t("outcomes.admin.colGroup")}</th>
                <th scope="col">{t("outcomes.admin.colRound")}</th>
                <th scope="col">{t("outcomes.admin.colIncome")}</th>
                <th scope="col">{t("outcomes.admin.colDue")}</th>
                <th scope="col">{t("outcomes.admin.colSubmitted")}</th>
                <th scope="col">{t("outcomes.status.label")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/admin/reports/${r.id}`}>{t.locale === "en" ? r.labelEn : r.labelVi}</Link>
                  </td>
                  <td>
                    {r.groupName}
                    <br />
                    <span className="muted">{t.locale === "en" ? r.provinceEn : r.provinceVi}</span>
                  </td>
                  <td>{t.locale === "en" ? r.roundTitleEn : r.roundTitleVi}</td>
                  <td>{r.avgMonthlyIncome === null ? "" : formatMoney(r.avgMonthlyIncome, t.locale)}</td>
                  <td>{r.dueAt ? formatDate(r.dueAt) : ""}</td>
                  <td>{r.submittedAt ? formatDate(r.submittedAt) : ""}</td>
                  <td>{t.dynamic(`outcomes.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
