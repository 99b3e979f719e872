import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Field, FormError } from "../components/ui/field";
import { Filters } from "../components/ui/filters";
import { SelectField } from "../components/ui/select-field";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { pageNumber } from "../forms/query";
import { formatDate } from "../i18n/format";
import { isMessageKey } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import {
  ADMIN_LIST_PAGE_SIZE,
  applicationStatuses,
  listRoundApplications,
  parseListFilters,
  provinceOptions,
} from "../modules/applications/admin-list.server";
import { isUuid } from "../kernel/ids";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { applicationTone } from "../modules/applications/status-tone";
import { activityTypes } from "../modules/programmes/activities";
import { findRound } from "../modules/programmes/rounds.server";
import { localeOf, titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "screening.list.title", { round: data ? data.round[localeOf(matches) === "vi" ? "titleVi" : "titleEn"] : "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const round = isUuid(params.roundId) ? await findRound(params.roundId) : null;
  notFoundUnless(round);
  const url = new URL(request.url);
  const page = pageNumber(url);
  const parsed = await parseListFilters(url);
  const common = {
    round: { id: round.id, titleVi: round.titleVi, titleEn: round.titleEn },
    provinces: await provinceOptions(),
    statuses: applicationStatuses,
    page,
  };
  if (!parsed.ok) return data({ ...common, errors: parsed.errors, rows: [], total: 0, pages: 1 }, { status: 400 });
  const { rows, total } = await listRoundApplications(round.id, parsed.filters, page);
  return { ...common, errors: null, rows, total, pages: Math.max(1, Math.ceil(total / ADMIN_LIST_PAGE_SIZE)) };
}

export default function RoundApplications() {
  const t = useT();
  const { round, provinces, statuses, page, errors, rows, total, pages } = useLoaderData<typeof loader>();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("page");
  const query = params.toString();
  const csvHref = `/admin/rounds/${round.id}/applications.csv${query ? `?${query}` : ""}`;
  const errorOf = (name: string) => errors?.[name];
  const activityLabel = (code: string | null) => (code && isMessageKey(`activity.${code}`) ? t.dynamic(`activity.${code}`) : (code ?? ""));
  return (
    <section>
      <h1>{t("screening.list.title", { round: t.locale === "vi" ? round.titleVi : round.titleEn })}</h1>
      <FormError error={errors ? Object.values(errors)[0] : undefined} />
      <Filters
        submitLabel={t("screening.list.filter")}
        after={<Link to={location.pathname}>{t("screening.list.clear")}</Link>}
      >
        <Field
          id="filter-q"
          name="q"
          type="search"
          maxLength={100}
          defaultValue={params.get("q") ?? ""}
          label={t("screening.list.search")}
          hint={t("screening.list.searchHint")}
          error={errorOf("q")}
        />
        <SelectField id="filter-status" name="status" defaultValue={params.get("status") ?? ""} label={t("screening.list.status")} error={errorOf("status")}>
          <option value="">{t("screening.list.anyStatus")}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t.dynamic(`screening.status.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-province" name="province" defaultValue={params.get("province") ?? ""} label={t("screening.list.province")} error={errorOf("province")}>
          <option value="">{t("screening.list.anyProvince")}</option>
          {provinces.map((p) => (
            <option key={p.slug} value={p.slug}>
              {t.locale === "vi" ? p.nameVi : p.nameEn}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-activity" name="activity" defaultValue={params.get("activity") ?? ""} label={t("screening.list.activity")} error={errorOf("activity")}>
          <option value="">{t("screening.list.anyActivity")}</option>
          {activityTypes.map((code) => (
            <option key={code} value={code}>
              {activityLabel(code)}
            </option>
          ))}
        </SelectField>
      </Filters>
      <p>
        <strong>{t("screening.list.count", { count: new Intl.NumberFormat(t.locale === "vi" ? "vi-VN" : "en-US").format(total) })}</strong>
        {total > 0 ? ` · ${t("screening.list.page", { page, pages })}` : null}
      </p>
      {errors ? null : (
        <p>
          <a href={csvHref} download>
            {t("screening.list.csv")}
          </a>
        </p>
      )}
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        empty={t("screening.list.empty")}
        pager={{ page, hasNext: page < pages }}
        columns={[
          {
            header: t("screening.list.colTitle"),
            cell: (row) => <Link to={`/admin/applications/${row.id}`}>{row.title || t("screening.page.untitled")}</Link>,
          },
          { header: t("screening.list.colGroup"), cell: (row) => row.groupName },
          { header: t("screening.list.colProvince"), cell: (row) => (t.locale === "vi" ? row.provinceVi : row.provinceEn) },
          { header: t("screening.list.colActivity"), cell: (row) => activityLabel(row.activityType) },
          { header: t("screening.list.colAmount"), numeric: true, cell: (row) => <Money amount={row.requestedAmount} /> },
          { header: t("screening.list.colSubmitted"), cell: (row) => (row.submittedAt ? formatDate(row.submittedAt, t.locale) : "") },
          {
            header: t("screening.list.colStatus"),
            cell: (row) => <StatusBadge tone={applicationTone(row.status)}>{t.dynamic(`screening.status.${row.status}`)}</StatusBadge>,
          },
        ]}
      />
    </section>
  );
}
