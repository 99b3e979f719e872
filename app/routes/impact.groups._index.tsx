import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { pageNumber } from "../forms/query";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { ImpactFiltersForm } from "../modules/impact/components/filters-form";
import impactStyles from "../modules/impact/components/impact.css?url";
import { impactFilterOptions } from "../modules/impact/dashboard.server";
import { requireImpactFilters } from "../modules/impact/filters.server";
import { isStaff, listIncomeGroups } from "../modules/impact/group-income.server";
import { formatChange, formatPercent } from "../modules/impact/impact-format";
import { titleFor } from "../i18n/title";

// Funded groups and how their income moved: every group for staff (with the dashboard's
// filters), a leader's or facilitator's own groups for them. Reviewers see no outcomes.
export const handle: RouteHandle = { access: ["admin", "finance", "applicant", "facilitator"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: impactStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "impact.groups.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["admin", "finance", "applicant", "facilitator"]);
  const staff = isStaff(user);
  const filters = staff ? requireImpactFilters(request) : {};
  const page = pageNumber(new URL(request.url));
  const [list, options] = await Promise.all([listIncomeGroups(user, filters, page), staff ? impactFilterOptions() : null]);
  return { ...list, page, filters, options, staff };
}

export default function IncomeGroups() {
  const t = useT();
  const { rows, hasNext, page, filters, options, staff } = useLoaderData<typeof loader>();
  const money = (v: bigint | null) => (v === null ? "—" : <Money amount={v} />);
  return (
    <section>
      <h1>{t("impact.groups.title")}</h1>
      <p>{staff ? t("impact.groups.introStaff") : t("impact.groups.introGroup")}</p>
      {staff ? (
        <p className="no-print">
          <Link to="/admin/impact">{t("impact.groups.toDashboard")}</Link>
        </p>
      ) : null}
      {options ? <ImpactFiltersForm filters={filters} options={options} action="/impact/groups" /> : null}
      <DataTable
        rows={rows}
        rowKey={(r) => r.grantId}
        empty={staff ? t("impact.empty.selection") : t("impact.groups.none")}
        caption={t("impact.groups.caption")}
        className="impact-table"
        pager={{ page, hasNext }}
        columns={[
          { header: t("impact.col.group"), rowHeader: true, cell: (r) => <Link to={`/impact/groups/${r.groupId}`}>{r.groupName}</Link> },
          { header: t("impact.col.province"), cell: (r) => (t.locale === "en" ? r.provinceEn : r.provinceVi) },
          { header: t("impact.col.round"), cell: (r) => (t.locale === "en" ? r.roundEn : r.roundVi) },
          { header: t("impact.col.baseline"), numeric: true, cell: (r) => money(r.baseline) },
          { header: t("impact.col.latest"), numeric: true, cell: (r) => money(r.latest) },
          {
            header: t("impact.col.change"),
            numeric: true,
            cell: (r) => (
              <>
                {r.change === null ? "—" : formatChange(r.change, t.locale)}
                {r.changePct === null ? null : ` (${formatPercent(r.changePct, t.locale, { signed: true })})`}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
