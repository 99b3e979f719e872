import { Form } from "../../../components/ui/form";
import { Fragment, useMemo } from "react";
import { Field, FormError } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { MAX_STORY, reportSchema } from "../outcomes.schema";
import type { ReportFormValues } from "./report-values";
import { AmountWords } from "./amount-words";
import { useReportForm } from "./use-report-form";
import { memberRoleLabel } from "../../groups/member-role";

/** The photo field and its button belong to this form (HTML's `form` attribute): a photo sent
 * brings the typed figures with it, so adding one never loses them (issue 16, item 2). */
export const REPORT_FORM_ID = "report-form";

/**
 * The group's report in plain words, one question per field, an example under each. Two buttons:
 * "save" keeps a draft (nothing is required yet), "submit" sends it to staff.
 */
export function ReportForm({
  values,
  members,
  maxIncome,
}: {
  values: ReportFormValues;
  members: readonly { id: string; name: string; role: string }[];
  maxIncome: bigint;
}) {
  const t = useT();
  const schema = useMemo(() => reportSchema({ maxIncome, members: members.length }, t.locale), [maxIncome, members.length, t.locale]);
  const form = useReportForm(schema, { defaultValues: values });
  const watched = (name: "avgMonthlyIncome" | "sales") => form.watch(name) ?? values[name];
  const max = formatMoney(maxIncome, t.locale);
  return (
    <Form method="post" id={REPORT_FORM_ID} className="stack" noValidate onSubmit={form.onSubmit}>
      <FormError error={form.formError} />
      <Field
        label={t("outcomes.field.avgMonthlyIncome")}
        hint={t("outcomes.hint.avgMonthlyIncome", { max })}
        inputMode="numeric"
        defaultValue={values.avgMonthlyIncome}
        error={form.errorFor("avgMonthlyIncome")}
        {...form.register("avgMonthlyIncome")}
      />
      <AmountWords value={watched("avgMonthlyIncome")} />
      <Field
        label={t("outcomes.field.sales")}
        hint={t("outcomes.hint.sales")}
        inputMode="numeric"
        defaultValue={values.sales}
        error={form.errorFor("sales")}
        {...form.register("sales")}
      />
      <AmountWords value={watched("sales")} />
      <Field
        label={t("outcomes.field.womenEarning")}
        hint={t("outcomes.hint.womenEarning")}
        inputMode="numeric"
        defaultValue={values.womenEarning}
        error={form.errorFor("womenEarning")}
        {...form.register("womenEarning")}
      />
      <Field
        label={t("outcomes.field.areaHa")}
        hint={t("outcomes.hint.areaHa")}
        inputMode="decimal"
        defaultValue={values.areaHa}
        error={form.errorFor("areaHa")}
        {...form.register("areaHa")}
      />
      <Field
        label={t("outcomes.field.quantityProduced")}
        hint={t("outcomes.hint.quantityProduced")}
        inputMode="decimal"
        defaultValue={values.quantityProduced}
        error={form.errorFor("quantityProduced")}
        {...form.register("quantityProduced")}
      />
      <Field
        label={t("outcomes.field.quantityUnit")}
        hint={t("outcomes.hint.quantityUnit")}
        defaultValue={values.quantityUnit}
        error={form.errorFor("quantityUnit")}
        {...form.register("quantityUnit")}
      />
      <TextAreaField
        label={t("outcomes.field.story")}
        hint={t("outcomes.hint.story", { max: MAX_STORY })}
        defaultValue={values.story}
        error={form.errorFor("story")}
        {...form.register("story")}
      />
      {members.length > 0 ? (
        <fieldset>
          <legend>{t("outcomes.members.heading")}</legend>
          <p className="hint">{t("outcomes.members.hint")}</p>
          {form.errorFor("memberIncome") ? <p className="field-error">{t.dynamic(form.errorFor("memberIncome")!)}</p> : null}
          {members.map((member, i) => (
            <Fragment key={member.id}>
              <input type="hidden" name="memberId" value={member.id} />
              <Field
                id={`member-income-${i}`}
                name="memberIncome"
                label={memberRoleLabel(t, member.role) ? `${member.name} (${memberRoleLabel(t, member.role)})` : member.name}
                inputMode="numeric"
                defaultValue={values.memberIncome[i] ?? ""}
                error={form.errorFor(`memberIncome.${i}`)}
                {...form.registerRow(`memberIncome.${i}` as never)}
              />
            </Fragment>
          ))}
        </fieldset>
      ) : null}
      <div className="inline-form">
        {/* First in the form, so Enter in a field keeps a draft rather than sending the report. */}
        <button type="submit" name="intent" value="save" className="secondary">
          {t("outcomes.form.save")}
        </button>
        <button type="submit" name="intent" value="submit">
          {t("outcomes.form.submit")}
        </button>
      </div>
    </Form>
  );
}
