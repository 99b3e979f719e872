import { Form, Link } from "@remix-run/react";
import { useT } from "../../../i18n/use-t";
import { activityTypes } from "../../programmes/activities";
import type { ImpactFilterOptions } from "../dashboard.server";
import type { ImpactFilters } from "../impact.schema";

/** The dashboard's filters: a GET form, so it works without JavaScript and every view has a URL. */
export function ImpactFiltersForm({ filters, options, action }: { filters: ImpactFilters; options: ImpactFilterOptions; action: string }) {
  const t = useT();
  const en = t.locale === "en";
  const programmeName = new Map(options.programmes.map((p) => [p.id, en ? p.nameEn : p.nameVi]));
  return (
    <Form method="get" action={action} className="impact-filters" aria-label={t("impact.filters.label")}>
      <div className="field">
        <label htmlFor="f-programme">{t("impact.filters.programme")}</label>
        <select id="f-programme" name="programme" defaultValue={filters.programme ?? ""}>
          <option value="">{t("impact.filters.all")}</option>
          {options.programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {en ? p.nameEn : p.nameVi}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-round">{t("impact.filters.round")}</label>
        <select id="f-round" name="round" defaultValue={filters.round ?? ""}>
          <option value="">{t("impact.filters.all")}</option>
          {options.rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {`${en ? r.titleEn : r.titleVi} — ${programmeName.get(r.programmeId) ?? ""}`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-province">{t("impact.filters.province")}</label>
        <select id="f-province" name="province" defaultValue={filters.province ?? ""}>
          <option value="">{t("impact.filters.all")}</option>
          {options.provinces.map((p) => (
            <option key={p.slug} value={p.slug}>
              {en ? p.nameEn : p.nameVi}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-ethnicity">{t("impact.filters.ethnicity")}</label>
        <select id="f-ethnicity" name="ethnicity" defaultValue={filters.ethnicity ?? ""}>
          <option value="">{t("impact.filters.all")}</option>
          {options.ethnicGroups.map((e) => (
            <option key={e.code} value={e.code}>
              {e.nameVi}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-activity">{t("impact.filters.activity")}</label>
        <select id="f-activity" name="activity" defaultValue={filters.activity ?? ""}>
          <option value="">{t("impact.filters.all")}</option>
          {activityTypes.map((a) => (
            <option key={a} value={a}>
              {t.dynamic(`activity.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">{t("impact.filters.show")}</button>
        <Link to={action}>{t("impact.filters.clear")}</Link>
      </div>
    </Form>
  );
}
