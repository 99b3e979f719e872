import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { formatDate, formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { LineChart } from "../modules/impact/components/charts";
import impactStyles from "../modules/impact/components/impact.css?url";
import { isStaff, loadGroupIncome } from "../modules/impact/group-income.server";
import { formatChange, formatCompact, formatPercent } from "../modules/impact/impact-format";
import { titleFor } from "../i18n/title";

// One group's income over time: the baseline and each approved report. Staff see any group; a
// group's leader and facilitators only their own (others get 404); reviewers are refused.
export const handle: RouteHandle = { access: ["admin", "finance", "applicant", "facilitator"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: impactStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "impact.group.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["admin", "finance", "applicant", "facilitator"]);
  const income = await loadGroupIncome(user, params.groupId ?? "");
  return { ...income, staff: isStaff(user) };
}

export default function GroupIncome() {
  const t = useT();
  const { group, grants, staff } = useLoaderData<typeof loader>();
  const en = t.locale === "en";
  return (
    <section>
      <p className="no-print">
        <Link to="/impact/groups">{t("impact.group.back")}</Link>
        {staff ? (
          <>
            {" · "}
            <Link to="/admin/impact">{t("impact.groups.toDashboard")}</Link>
          </>
        ) : null}
      </p>
      <h1>{t("impact.group.heading", { group: group.name })}</h1>
      <p className="muted">{en ? group.provinceEn : group.provinceVi}</p>
      {grants.length === 0 ? <p>{t("impact.group.noGrants")}</p> : null}
      {grants.map((g, i) => {
        const baseline = g.points.find((p) => p.key === "baseline")?.income ?? null;
        const id = `income-${i}`;
        const last = g.points[g.points.length - 1];
        const desc =
          g.points.length > 0
            ? t("impact.group.chartDesc", {
                count: String(g.points.length),
                first: formatMoney(g.points[0].income, t.locale),
                last: formatMoney(last.income, t.locale),
                months: String(last.months),
              })
            : t("impact.group.noReports");
        return (
          <section key={g.grantId} aria-labelledby={`${id}-heading`}>
            <h2 id={`${id}-heading`}>{en ? g.roundEn : g.roundVi}</h2>
            <p>
              {t("impact.group.award", { amount: formatMoney(g.awarded, t.locale) })}
              {g.acceptedAt ? ` · ${t("impact.group.accepted", { date: formatDate(g.acceptedAt) })}` : null}
            </p>
            {g.waiting > 0 ? <p className="muted">{t("impact.group.waiting", { count: String(g.waiting) })}</p> : null}
            {g.points.length === 0 ? (
              <p>{t("impact.group.noReports")}</p>
            ) : (
              <div className="chart-pair">
                <figure>
                  <LineChart
                    id={id}
                    title={t("impact.group.chartTitle")}
                    desc={desc}
                    points={g.points.map((p) => ({
                      x: p.months,
                      y: Number(p.income),
                      label: `${en ? p.labelEn : p.labelVi}: ${formatMoney(p.income, t.locale)}`,
                    }))}
                    xLabel={(m) => t("impact.group.monthTick", { months: String(m) })}
                    yLabel={(v) => formatCompact(v, t.locale)}
                  />
                </figure>
                <DataTable
                  rows={g.points}
                  rowKey={(p) => p.key}
                  caption={t("impact.group.caption")}
                  className="impact-table"
                  columns={[
                    { header: t("impact.col.report"), rowHeader: true, cell: (p) => (en ? p.labelEn : p.labelVi) },
                    { header: t("impact.col.income"), numeric: true, cell: (p) => <Money amount={p.income} /> },
                    {
                      header: t("impact.group.vsBaseline"),
                      numeric: true,
                      cell: (p) =>
                        baseline === null || p.key === "baseline"
                          ? "—"
                          : `${formatChange(p.income - baseline, t.locale)}${baseline > 0n ? ` (${formatPercent((100 * Number(p.income - baseline)) / Number(baseline), t.locale, { signed: true })})` : ""}`,
                    },
                    { header: t("impact.col.womenEarning"), numeric: true, cell: (p) => p.womenEarning ?? "—" },
                  ]}
                />
              </div>
            )}
          </section>
        );
      })}
    </section>
  );
}
