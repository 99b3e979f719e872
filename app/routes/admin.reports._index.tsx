import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { reportTone } from "../modules/outcomes/status-tone";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { reviewFilters, type ReviewFilter } from "../modules/outcomes/outcomes.schema";
import { countWaiting, listReportsForReview } from "../modules/outcomes/report-review.server";
import { titleFor } from "../i18n/title";

// Staff's list of outcome reports; by default those waiting for review, oldest first.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "outcomes.admin.title");

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
        {t("outcomes.admin.waiting", { count: waiting })} · <Link to="/admin/reports/settings">{t("outcomes.settings.title")}</Link> ·{" "}
        <Link to="/admin/spending">{t("spending.admin.title")}</Link>
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
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty={t("outcomes.admin.empty")}
        label={t("outcomes.admin.title")}
        pager={{ page, hasNext }}
        columns={[
          {
            header: t("outcomes.admin.colReport"),
            cell: (r) => <Link to={`/admin/reports/${r.id}`}>{t.locale === "en" ? r.labelEn : r.labelVi}</Link>,
          },
          {
            header: t("outcomes.admin.colGroup"),
            cell: (r) => (
              <>
                {r.groupName}
                <br />
                <span className="muted">{t.locale === "en" ? r.provinceEn : r.provinceVi}</span>
              </>
            ),
          },
          { header: t("outcomes.admin.colRound"), cell: (r) => (t.locale === "en" ? r.roundTitleEn : r.roundTitleVi) },
          {
            header: t("outcomes.admin.colIncome"),
            numeric: true,
            cell: (r) => (r.avgMonthlyIncome === null ? "" : <Money amount={r.avgMonthlyIncome} />),
          },
          { header: t("outcomes.admin.colDue"), cell: (r) => (r.dueAt ? formatDate(r.dueAt) : "") },
          { header: t("outcomes.admin.colSubmitted"), cell: (r) => (r.submittedAt ? formatDate(r.submittedAt) : "") },
          {
            header: t("outcomes.status.label"),
            cell: (r) => <StatusBadge tone={reportTone(r.status)}>{t.dynamic(`outcomes.status.${r.status}`)}</StatusBadge>,
          },
        ]}
      />
    </section>
  );
}
