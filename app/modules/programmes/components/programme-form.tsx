import { Form } from "../../../components/ui/form";
import { Field, FormError } from "../../../components/ui/field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatMoneyWithWords } from "../../../i18n/format";
import type { MessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";
import { currencies, programmeSchema } from "../programmes.schema";

export interface ProgrammeValues {
  nameVi: string;
  nameEn: string;
  donor: string;
  currency: (typeof currencies)[number];
  totalBudget: string;
}

/** Names, donor, currency and total budget: the same form creates and edits a programme. */
export function ProgrammeForm({
  values,
  serverErrors,
  submitLabel,
}: {
  values?: ProgrammeValues;
  serverErrors?: Record<string, string>;
  submitLabel: MessageKey;
}) {
  const t = useT();
  const form = useZodForm(programmeSchema, { serverErrors, defaultValues: values });
  // The saved value is also the input's default, for the page as the server renders it.
  const field = (name: keyof ProgrammeValues, label: MessageKey, hint?: string) => ({
    ...form.register(name),
    defaultValue: values?.[name],
    label: t(label),
    hint,
    error: form.errorFor(name),
  });
  const budget = values?.totalBudget.replace(/\./g, "");
  const budgetHint = [t("programmes.moneyHint"), budget ? formatMoneyWithWords(BigInt(budget), t.locale) : null].filter(Boolean).join(" · ");
  const currencyError = form.errorFor("currency");
  return (
    <>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Field {...field("nameVi", "programmes.nameVi", t("programmes.nameViHint"))} />
        <Field {...field("nameEn", "programmes.nameEn", t("programmes.nameEnHint"))} />
        <Field {...field("donor", "programmes.donor", t("programmes.donorHint"))} />
        <Field name="currency" label={t("programmes.currency")} hint={t("programmes.currencyHint")} error={currencyError}>
          <select id="field-currency" defaultValue={values?.currency ?? "VND"} {...form.register("currency")}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field inputMode="numeric" autoComplete="off" {...field("totalBudget", "programmes.totalBudget", budgetHint)} />
        <div>
          <button type="submit">{t(submitLabel)}</button>
        </div>
      </Form>
    </>
  );
}
