import { Form } from "../../../components/ui/form";
import { useState } from "react";
import { Field, FormError } from "../../../components/ui/field";
import { useZodForm } from "../../../forms/use-zod-form";
import type { MessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";
import { groupKinds, groupSchema } from "../groups.schema";
import { filterProvinces, type ProvinceOption } from "../provinces";
import { ProvinceSearch } from "./province-search";
import { SelectField } from "../../../components/ui/select-field";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { isMessageKey } from "../../../i18n/i18n";

interface GroupFormProps {
  provinces: ProvinceOption[];
  /** The province search as it came in the URL (?findProvince=…). */
  query: string;
  /** What the inputs start with: the saved group, or what was posted and refused. */
  values: Record<string, string | undefined>;
  serverErrors?: Record<string, string>;
  /** The saved account, masked, on the edit form. */
  bankAccountMasked?: string | null;
  submitLabel: MessageKey;
}

export function GroupForm({ provinces, query: initialQuery, values, serverErrors, bankAccountMasked, submitLabel }: GroupFormProps) {
  const t = useT();
  const [query, setQuery] = useState(initialQuery);
  const found = filterProvinces(provinces, query);
  // A search that finds one unit chooses it, when nothing was chosen before (no JavaScript needed).
  const [initialProvince] = useState(() => {
    const first = filterProvinces(provinces, initialQuery);
    return values.province || (initialQuery.trim() && first.length === 1 ? first[0].slug : "");
  });
  // No defaultValues here: the form library reads the inputs the server filled in, so what she
  // typed before the page's script arrived on a slow connection is kept, not reset.
  const form = useZodForm(groupSchema, { serverErrors });
  // What the search found comes first; every other unit stays below it, so a search never leaves
  // her with a list she cannot get out of (without JavaScript, searching again is a page away).
  const searching = query.trim().length > 0 && found.length > 0;
  const others = searching ? provinces.filter((p) => !found.includes(p)) : provinces;
  const provinceField = form.register("province");
  const label = (p: ProvinceOption) => {
    const name = t.locale === "vi" ? p.nameVi : p.nameEn;
    return p.formerly.length > 0 ? `${name} (${t("groups.province.formerly", { names: p.formerly.join(", ") })})` : name;
  };
  return (
    <>
      <FormError error={form.formError} />
      <ErrorSummary errors={form.serverErrors} label={(name) => (isMessageKey(`groups.field.${name}`) ? t.dynamic(`groups.field.${name}`) : undefined)} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        {/* Enter in any field saves: the first button of a form is the one Enter presses. */}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        <ProvinceSearch query={query} onQuery={setQuery} />
        <SelectField
          label={t("groups.field.province")}
          hint={t("groups.field.provinceHint")}
          error={form.errorFor("province")}
          {...provinceField}
          // After the field's own: what was posted, or the one unit a search found.
          defaultValue={initialProvince}
          after={
            query.trim() ? (
              <p className="hint" role="status">
                {found.length > 0
                  ? t("groups.province.found", { count: found.length, query: query.trim() })
                  : t("groups.province.notFound", { query: query.trim() })}
              </p>
            ) : null
          }
        >
          <option value="">{t("groups.field.choose")}</option>
          {searching ? (
            <>
              <optgroup label={t("groups.province.matches", { query: query.trim() })}>
                {found.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {label(p)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("groups.province.others")}>
                {others.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {label(p)}
                  </option>
                ))}
              </optgroup>
            </>
          ) : (
            provinces.map((p) => (
              <option key={p.slug} value={p.slug}>
                {label(p)}
              </option>
            ))
          )}
        </SelectField>
        <Field
          label={t("groups.field.commune")}
          hint={t("groups.field.communeHint")}
          defaultValue={values.commune}
          error={form.errorFor("commune")}
          {...form.register("commune")}
        />
        <Field
          label={t("groups.field.village")}
          hint={t("groups.field.villageHint")}
          defaultValue={values.village}
          error={form.errorFor("village")}
          {...form.register("village")}
        />
        <Field
          label={t("groups.field.name")}
          hint={t("groups.field.nameHint")}
          defaultValue={values.name}
          error={form.errorFor("name")}
          {...form.register("name")}
        />
        <SelectField label={t("groups.field.kind")} error={form.errorFor("kind")} defaultValue={values.kind ?? ""} {...form.register("kind")}>
          <option value="">{t("groups.field.choose")}</option>
          {groupKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`groups.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t("groups.field.yearFormed")}
          hint={t("groups.field.yearFormedHint")}
          inputMode="numeric"
          defaultValue={values.yearFormed}
          error={form.errorFor("yearFormed")}
          {...form.register("yearFormed")}
        />
        <Field
          label={t("groups.field.leaderName")}
          hint={t("groups.field.leaderNameHint")}
          defaultValue={values.leaderName}
          error={form.errorFor("leaderName")}
          {...form.register("leaderName")}
        />
        <Field
          label={t("groups.field.phone")}
          hint={t("groups.field.phoneHint")}
          type="tel"
          inputMode="tel"
          defaultValue={values.phone}
          error={form.errorFor("phone")}
          {...form.register("phone")}
        />
        <Field
          label={t("groups.field.bankName")}
          hint={t("groups.field.bankNameHint")}
          defaultValue={values.bankName}
          error={form.errorFor("bankName")}
          {...form.register("bankName")}
        />
        <Field
          label={t("groups.field.bankAccountHolder")}
          hint={t("groups.field.bankAccountHolderHint")}
          defaultValue={values.bankAccountHolder}
          error={form.errorFor("bankAccountHolder")}
          {...form.register("bankAccountHolder")}
        />
        <Field
          label={t("groups.field.bankAccount")}
          hint={
            bankAccountMasked ? t("groups.field.bankAccountKeep", { masked: bankAccountMasked }) : t("groups.field.bankAccountHint")
          }
          inputMode="numeric"
          autoComplete="off"
          error={form.errorFor("bankAccount")}
          {...form.register("bankAccount")}
        />
        <div>
          <button type="submit">{t(submitLabel)}</button>
        </div>
      </Form>
    </>
  );
}
