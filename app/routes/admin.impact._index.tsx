import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { Breakdown, Definitions, IncomeHistogram, KeyFigures, ScopeLine } from "../modules/impact/components/dashboard-sections";
import { ExportLinks } from "../modules/impact/components/export-links";
import { ImpactFiltersForm } from "../modules/impact/components/filters-form";
import impactStyles from "../modules/impact/components/impact.css?url";
import { impactFilterOptions, loadImpactDashboard } from "../modules/impact/dashboard.server";
import { filterQuery } from "../modules/impact/impact.schema";
import { requireImpactFilters } from "../modules/impact/filters.server";
import { titleFor } from "../i18n/title";

// The impact dashboard (SPEC.md step 10): read-only, for programme staff and finance; printed or
// exported, it is what donors receive (DECISIONS.md, "Impact for donors").
export const handle: RouteHandle = { access: ["admin", "finance"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: impactStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "impact.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin", "finance"]);
  const filters = requireImpactFilters(request);
  const [dashboard, options] = await Promise.all([loadImpactDashboard(filters), impactFilterOptions()]);
  return { filters, dashboard, options };
}

export default function ImpactDashboard() {
  const t = useT();
  const { filters, dashboard, options } = useLoaderData<typeof loader>();
  const en = t.locale === "en";
  return (
    <section>
      <h1>{t("impact.title")}</h1>
      <ScopeLine filters={filters} programmes={options.programmes} rounds={options.rounds} />
      <p className="no-print">
        {t("impact.printHint")} <Link to={`/admin/impact/report${filterQuery(filters)}`}>{t("impact.report.link")}</Link>
      </p>
      <ImpactFiltersForm filters={filters} options={options} action="/admin/impact" />

      {dashboard.overall.grants === 0 ? <p role="status">{t("impact.empty.selection")}</p> : null}
      <KeyFigures overall={dashboard.overall} />
      <p className="no-print">
        <Link to={`/impact/groups${filterQuery(filters)}`}>{t("impact.groupsLink")}</Link>
      </p>

      <IncomeHistogram bins={dashboard.histogram} withPct={dashboard.overall.withPct} />
      <Breakdown id="by-province" title={t("impact.byProvince")} slices={dashboard.byProvince} nameOf={(s) => (en ? s.nameEn : s.nameVi) ?? s.key ?? ""} />
      <Breakdown
        id="by-ethnicity"
        title={t("impact.byEthnicity")}
        intro={t("impact.byEthnicityIntro")}
        slices={dashboard.byEthnicity}
        nameOf={(s) => s.nameVi ?? s.key ?? ""}
      />
      <Breakdown
        id="by-activity"
        title={t("impact.byActivity")}
        slices={dashboard.byActivity}
        nameOf={(s) => (s.key ? t.dynamic(`activity.${s.key}`) : t("impact.noActivity"))}
      />

      <ExportLinks filters={filters} overall={dashboard.overall} />

      <Definitions />
    </section>
  );
}
