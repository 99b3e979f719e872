import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { FormError } from "../components/ui/field";
import { Pager } from "../components/ui/pager";
import { pageNumber } from "../forms/query";
import { formatDate, formatMoney } from "../i18n/format";
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
import { activityTypes } from "../modules/programmes/activities";
import { findRound } from "../modules/programmes/rounds.server";

export const handle: RouteHandle = { access: ["admin"] };

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
  const message = (name: string) =>
    errorOf(name) ? (
      <p className="field-error" id={`filter-${name}-error`}>
        {t.dynamic(errorOf(name)!)}
      </p>
    ) : null;
  const activityLabel = (code: string | null) => (code && isMessageKey(`activity.${code}`) ? t.dynamic(`activity.${code}`) : (code ?? ""));
  return (
    <section>
      <h1>{t("screening.list.title", { round: t.locale === "vi" ? round.titleVi : round.titleEn })}</h1>
      <FormError error={errors ? Object.values(errors)[0] : undefined} />
      <Form method="get" className="stack" role="search">
        <div className={errorOf("q") ? "field field-invalid" : "field"}>
          <label htmlFor="filter-q">{t("screening.list.search")}</label>
          <p className="hint" id="filter-q-hint">
            {t("screening.list.searchHint")}
          </p>
          <input id="filter-q" name="q" type="search" maxLength={100} defaultValue={params.get("q") ?? ""} aria-describedby="filter-q-hint" />
          {message("q")}
        </div>
        <div className={errorOf("status") ? "field field-invalid" : "field"}>
          <label htmlFor="filter-status">{t("screening.list.status")}</label>
          <select id="filter-status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("screening.list.anyStatus")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t.dynamic(`screening.status.${status}`)}
              </option>
            ))}
          </select>
          {message("status")}
        </div>
        <div className={errorOf("province") ? "field field-invalid" : "field"}>
          <label htmlFor="filter-province">{t("screening.list.province")}</label>
          <select id="filter-province" name="province" defaultValue={params.get("province") ?? ""}>
            <option value="">{t("screening.list.anyProvince")}</option>
            {provinces.map((p) => (
              <option key={p.slug} value={p.slug}>
                {t.locale === "vi" ? p.nameVi : p.nameEn}
              </option>
            ))}
          </select>
          {message("province")}
        </div>
        <div className={errorOf("activity") ? "field field-invalid" : "field"}>
          <label htmlFor="filter-activity">{t("screening.list.activity")}</label>
          <select id="filter-activity" name="activity" defaultValue={params.get("activity") ?? ""}>
            <option value="">{t("screening.list.anyActivity")}</option>
            {activityTypes.map((code) => (
              <option key={code} value={code}>
                {activityLabel(code)}
              </option>
            ))}
          </select>
          {message("activity")}
        </div>
        <div className="inline-form">
          <button type="submit">{t("screening.list.filter")}</button>
          <Link to={location.pathname}>{t("screening.list.clear")}</Link>
        </div>
      </Form>
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
      {rows.length === 0 ? (
        <p>{t("screening.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("screening.list.colTitle")}</th>
                <th scope="col">{t("screening.list.colGroup")}</th>
                <th scope="col">{t("screening.list.colProvince")}</th>
                <th scope="col">{t("screening.list.colActivity")}</th>
                <th scope="col">{t("screening.list.colAmount")}</th>
                <th scope="col">{t("screening.list.colSubmitted")}</th>
                <th scope="col">{t("screening.list.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/admin/applications/${row.id}`}>{row.title || t("screening.page.untitled")}</Link>
                  </td>
                  <td>{row.groupName}</td>
                  <td>{t.locale === "vi" ? row.provinceVi : row.provinceEn}</td>
                  <td>{activityLabel(row.activityType)}</td>
                  <td>{formatMoney(row.requestedAmount, t.locale)}</td>
                  <td>{row.submittedAt ? formatDate(row.submittedAt, t.locale) : ""}</td>
                  <td>{t.dynamic(`screening.status.${row.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasNext={page < pages} />
    </section>
  );
}
