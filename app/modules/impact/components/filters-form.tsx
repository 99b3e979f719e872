import { Link } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import { SelectField } from "../../../components/ui/select-field";
import { useT } from "../../../i18n/use-t";
import { activityTypes } from "../../programmes/activities";
import type { ImpactFilterOptions } from "../dashboard.server";
import type { ImpactFilters } from "../impact.schema";

/** The dashboard's filters: a GET form, so it works without JavaScript and every view has a URL. */
export function ImpactFiltersForm({ filters, options, action }: { filters: ImpactFilters; options: ImpactFilterOptions; action: string }) {
  const t = useT();
  const en = t.locale === "en";
  const programmeName = new Map(options.programmes.map((p) => [p.id, en ? p.nameEn : p.nameVi]));
  // "All" first: an empty value is no filter.
  const choices = (pairs: [value: string, label: string][]) => [
    <option key="" value="">
      {t("impact.filters.all")}
    </option>,
    ...pairs.map(([value, label]) => (
      <option key={value} value={value}>
        {label}
      </option>
    )),
  ];
  return (
    <Form method="get" action={action} className="impact-filters" aria-label={t("impact.filters.label")}>
      <SelectField name="programme" label={t("impact.filters.programme")} defaultValue={filters.programme ?? ""}>
        {choices(options.programmes.map((p) => [p.id, en ? p.nameEn : p.nameVi]))}
      </SelectField>
      <SelectField name="round" label={t("impact.filters.round")} defaultValue={filters.round ?? ""}>
        {choices(options.rounds.map((r) => [r.id, `${en ? r.titleEn : r.titleVi} — ${programmeName.get(r.programmeId) ?? ""}`]))}
      </SelectField>
      <SelectField name="province" label={t("impact.filters.province")} defaultValue={filters.province ?? ""}>
        {choices(options.provinces.map((p) => [p.slug, en ? p.nameEn : p.nameVi]))}
      </SelectField>
      <SelectField name="ethnicity" label={t("impact.filters.ethnicity")} defaultValue={filters.ethnicity ?? ""}>
        {choices(options.ethnicGroups.map((e) => [e.code, e.nameVi]))}
      </SelectField>
      <SelectField name="activity" label={t("impact.filters.activity")} defaultValue={filters.activity ?? ""}>
        {choices(activityTypes.map((a) => [a, t.dynamic(`activity.${a}`)]))}
      </SelectField>
      <div className="actions">
        <button type="submit">{t("impact.filters.show")}</button>
        <Link to={action}>{t("impact.filters.clear")}</Link>
      </div>
    </Form>
  );
}
