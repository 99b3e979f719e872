import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { formatDate } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { countSpendingWaiting, listSpendingForReview, type SpendingFilter } from "../modules/spending/reports.server";
import { spendingTone } from "../modules/spending/status-tone";

// Staff's list of spending reports; by default those waiting for review, oldest first.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "spending.admin.title");

const filters = ["submitted", "all"] as const satisfies readonly SpendingFilter[];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review:reports");
  const url = new URL(request.url);
  const asked = url.searchParams.get("status") ?? "submitted";
  const filter: SpendingFilter = asked === "all" ? "all" : "submitted";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [list, waiting] = await Promise.all([listSpendingForReview({ filter, page }), countSpendingWaiting()]);
  return { ...list, filter, page, waiting };
}

export default function SpendingForReview() {
  const t = useT();
  const { rows, hasNext, filter, page, waiting } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("spending.admin.title")}</h1>
      <p>
        {t("spending.admin.waiting", { count: waiting })} · <Link to="/admin/reports">{t("spending.admin.outcomes")}</Link>
      </p>
      <nav aria-label={t("spending.admin.filter")}>
        <p className="inline-form">
          {filters.map((f) =>
            f === filter ? (
              <strong key={f} aria-current="page">
                {t.dynamic(`spending.filter.${f}`)}
              </strong>
            ) : (
              <Link key={f} to={`?status=${f}`}>
                {t.dynamic(`spending.filter.${f}`)}
              </Link>
            ),
          )}
        </p>
      </nav>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty={t("spending.admin.empty")}
        label={t("spending.admin.title")}
        pager={{ page, hasNext }}
        columns={[
          { header: t("spending.admin.colReport"), cell: (r) => <Link to={`/admin/spending/${r.id}`}>{(t.locale === "en" ? r.labelEn : r.labelVi) ?? r.key}</Link> },
          { header: t("spending.admin.colGroup"), cell: (r) => r.groupName },
          { header: t("spending.admin.colSpent"), numeric: true, cell: (r) => <Money amount={r.spent} /> },
          { header: t("spending.admin.colSubmitted"), cell: (r) => (r.submittedAt ? formatDate(r.submittedAt) : "") },
          { header: t("spending.status.label"), cell: (r) => <StatusBadge tone={spendingTone(r.status)}>{t.dynamic(`spending.status.${r.status}`)}</StatusBadge> },
        ]}
      />
    </section>
  );
}
