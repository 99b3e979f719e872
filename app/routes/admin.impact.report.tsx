import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { TextAreaField } from "../components/ui/text-area-field";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { Breakdown, Definitions, IncomeHistogram, KeyFigures, ScopeLine } from "../modules/impact/components/dashboard-sections";
import impactStyles from "../modules/impact/components/impact.css?url";
import { impactFilterOptions, loadImpactDashboard, type ImpactSlice } from "../modules/impact/dashboard.server";
import { donorStories } from "../modules/impact/donor-stories.server";
import { DONOR_MIN_GRANTS, shareable } from "../modules/impact/donor-report";
import { filterQuery } from "../modules/impact/impact.schema";
import { requireImpactFilters } from "../modules/impact/filters.server";
import { titleFor } from "../i18n/title";

// The donor-facing read-only view of the impact dashboard (issue #6): the same figures for the
// same filters, made to be printed or saved as a PDF and sent. No filters, links or exports, no
// group or member names, and no breakdown row (or selection) of fewer than DONOR_MIN_GRANTS
// grants. Staff open it; donors get the document (DECISIONS.md #17: no donor logins).
/** The longest introduction the report carries. */
const NARRATIVE_MAX = 1500;

export const handle: RouteHandle = { access: ["admin", "finance"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: impactStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "impact.report.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["admin", "finance"]);
  const filters = requireImpactFilters(request);
  const [dashboard, options] = await Promise.all([loadImpactDashboard(filters), impactFilterOptions()]);
  const programmes = options.programmes.filter((p) => p.id === filters.programme);
  const rounds = options.rounds.filter((r) => r.id === filters.round);
  // Small cells are dropped here, not in the component: what the page is not to show must not
  // travel in its data either.
  const tooFew = dashboard.overall.grants < DONOR_MIN_GRANTS;
  // The programme's own words for the donor, typed above the report and carried in its address
  // (nothing stored): cut at a length that prints on the first page.
  const params = new URL(request.url).searchParams;
  const narrative = (params.get("narrative") ?? "").trim().slice(0, NARRATIVE_MAX);
  // Stories and photos only when asked for, and only of groups whose every member consented.
  const withStories = params.get("stories") === "yes";
  const stories = withStories && !tooFew ? await donorStories(filters) : [];
  return {
    filters,
    narrative,
    withStories,
    // Photos open for admins (the report photos' own route); finance reads the stories alone.
    stories: user.roles.includes("admin") ? stories : stories.map((s) => ({ ...s, photoIds: [] })),
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
  const { filters, narrative, withStories, stories, scope, donor, asOf, figures } = useLoaderData<typeof loader>();
  const en = t.locale === "en";
  const hiddenText = (hidden: number) => t("impact.report.hidden", { count: hidden, min: DONOR_MIN_GRANTS });
  const part = (id: string, title: string, { shown, hidden }: { shown: ImpactSlice[]; hidden: number }, nameOf: (s: ImpactSlice) => string, intro?: string) => (
    <>
      {/* Every row left out for privacy: say so, not that nothing matches. */}
      <Breakdown id={id} title={title} intro={intro} slices={shown} nameOf={nameOf} emptyText={hidden > 0 ? hiddenText(hidden) : undefined} />
      {hidden > 0 && shown.length > 0 ? <p className="muted">{hiddenText(hidden)}</p> : null}
    </>
  );
  const programme = scope.programmes[0];
  return (
    <section>
      <p className="no-print">
        <Link to={`/admin/impact${filterQuery(filters)}`}>{t("impact.report.back")}</Link>
      </p>
      <h1>
        {programme
          ? t("impact.report.titleOf", {
              programme: en ? programme.nameEn : programme.nameVi,
            })
          : t("impact.report.title")}
      </h1>
      <ScopeLine filters={filters} programmes={scope.programmes} rounds={scope.rounds} />
      {donor ? <p>{t("impact.report.donor", { donor })}</p> : null}
      <p>{t("impact.report.asOf", { date: formatDate(asOf) })}</p>
      <p className="no-print">{t("impact.report.printHint")}</p>
      <Form method="get" className="stack no-print">
        {Object.entries(filters).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <TextAreaField
          name="narrative"
          label={t("impact.report.narrative")}
          hint={t("impact.report.narrativeHint", { max: NARRATIVE_MAX })}
          defaultValue={narrative}
          maxLength={NARRATIVE_MAX}
          rows={4}
        />
        <label className="checks">
          <input type="checkbox" name="stories" value="yes" defaultChecked={withStories} /> {t("impact.report.withStories")}
        </label>
        <div>
          <button type="submit" className="secondary">
            {t("impact.report.narrativeSubmit")}
          </button>
        </div>
      </Form>
      {narrative ? (
        <section aria-labelledby="narrative-heading">
          <h2 id="narrative-heading">{t("impact.report.narrativeHeading")}</h2>
          <p className="pre-wrap">{narrative}</p>
        </section>
      ) : null}
      {figures === null ? (
        <p role="status">{t("impact.report.tooFew", { min: DONOR_MIN_GRANTS })}</p>
      ) : (
        <>
          <KeyFigures overall={figures.overall} />
          <IncomeHistogram bins={figures.histogram} withPct={figures.overall.withPct} />
          {part("by-province", t("impact.byProvince"), figures.byProvince, (s) => (en ? s.nameEn : s.nameVi) ?? s.key ?? "")}
          {part("by-ethnicity", t("impact.byEthnicity"), figures.byEthnicity, (s) => s.nameVi ?? s.key ?? "", t("impact.byEthnicityIntro"))}
          {part("by-activity", t("impact.byActivity"), figures.byActivity, (s) => (s.key ? t.dynamic(`activity.${s.key}`) : t("impact.noActivity")))}
          {withStories ? (
            <section aria-labelledby="stories-heading">
              <h2 id="stories-heading">{t("impact.report.storiesHeading")}</h2>
              {stories.length === 0 ? <p>{t("impact.report.storiesNone")}</p> : null}
              {stories.map((story) => {
                const where = `${story.activity ? t.dynamic(`activity.${story.activity}`) : t("impact.noActivity")} · ${en ? story.provinceEn : story.provinceVi}`;
                return (
                  <figure key={story.reportId} className="card donor-story">
                    <figcaption>{where}</figcaption>
                    <blockquote className="pre-wrap" lang="vi">
                      {story.story}
                    </blockquote>
                    {story.photoIds.map((photoId) => (
                      <img key={photoId} src={`/reports/${story.reportId}/photos/${photoId}`} alt={t("impact.report.photoAlt", { where })} loading="lazy" />
                    ))}
                  </figure>
                );
              })}
            </section>
          ) : null}
          <Definitions />
        </>
      )}
    </section>
  );
}
