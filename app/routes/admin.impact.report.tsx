import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { Breakdown, Definitions, IncomeHistogram, KeyFigures, ScopeLine } from "../modules/impact/components/dashboard-sections";
import impactStyles from "../modules/impact/components/impact.css?url";
import { impactFilterOptions, loadImpactDashboard, type ImpactSlice } from "../modules/impact/dashboard.server";
import { DONOR_MIN_GRANTS, shareable } from "../modules/impact/donor-report";
import { filterQuery } from "../modules/impact/impact.schema";
import { requireImpactFilters } from "../modules/impact/filters.server";
import { titleFor } from "../i18n/title";

// The donor-facing read-only view of the impact dashboard (issue #6): the same figures for the
// same filters, made to be printed or saved as a PDF and sent. No filters, links or exports, no
// group or member names, and no breakdown row (or selection) of fewer than DONOR_MIN_GRANTS
// grants. Staff open it; donors get the document (DECISIONS.md #17: no donor logins).
export const handle: RouteHandle = { access: ["admin", "finance"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: impactStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "impact.report.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin", "finance"]);
  const filters = requireImpactFilters(request);
  const [dashboard, options] = await Promise.all([loadImpactDashboard(filters), impactFilterOptions()]);
  const programmes = options.programmes.filter((p) => p.id === filters.programme);
  const rounds = options.rounds.filter((r) => r.id === filters.round);
  // Small cells are dropped here, not in the component: what the page is not to show must not
  // travel in its data either.
  const tooFew = dashboard.overall.grants < DONOR_MIN_GRANTS;
  return {
    filters,
    scope: { programmes, rounds },
    donor: programmes[0]?.donor ?? null,
    asOf: new Date(),
    figures: tooFew
      ? null
      : {
          overall: dashboard.overall,
          histogram: dashboard.histogram,
          byProvince: shareable(dashboard.byProvince),
          byEthnicity: shareable(dashboard.byEthnicity),
          byActivity: shareable(dashboard.byActivity),
        },
  };
}

export default function DonorReport() {
  const t = useT();
  const { filters, scope, donor, asOf, figures } = useLoaderData<typeof loader>();
  const en = t.locale === "en";
  const part = (id: string, title: string, { shown, hidden }: { shown: ImpactSlice[]; hidden: number }, nameOf: (s: ImpactSlice) => string, intro?: string) => (
    <>
      <Breakdown id={id} title={title} intro={intro} slices={shown} nameOf={nameOf} />
      {hidden > 0 ? <p className="muted">{t("impact.report.hidden", { count: hidden, min: DONOR_MIN_GRANTS })}</p> : null}
    </>
  );
  return (
    <section>
      <p className="no-print">
        <Link to={`/admin/impact${filterQuery(filters)}`}>{t("impact.report.back")}</Link>
      </p>
      <h1>{t("impact.report.title")}</h1>
      <ScopeLine filters={filters} programmes={scope.programmes} rounds={scope.rounds} />
      {donor ? <p>{t("impact.report.donor", { donor })}</p> : null}
      <p>{t("impact.report.asOf", { date: formatDate(asOf) })}</p>
      <p className="no-print">{t("impact.report.printHint")}</p>
      {figures === null ? (
        <p role="status">{t("impact.report.tooFew", { min: DONOR_MIN_GRANTS })}</p>
      ) : (
        <>
          <KeyFigures overall={figures.overall} />
          <IncomeHistogram bins={figures.histogram} withPct={figures.overall.withPct} />
          {part("by-province", t("impact.byProvince"), figures.byProvince, (s) => (en ? s.nameEn : s.nameVi) ?? s.key ?? "")}
          {part("by-ethnicity", t("impact.byEthnicity"), figures.byEthnicity, (s) => s.nameVi ?? s.key ?? "", t("impact.byEthnicityIntro"))}
          {part("by-activity", t("impact.byActivity"), figures.byActivity, (s) => (s.key ? t.dynamic(`activity.${s.key}`) : t("impact.noActivity")))}
          <Definitions />
        </>
      )}
    </section>
  );
}
