import { Form } from "../../../components/ui/form";
import { ChoiceGroup } from "../../../components/ui/choice-group";
import { Field, FormError } from "../../../components/ui/field";
import { useZodForm } from "../../../forms/use-zod-form";
import type { MessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";
import { consentMethods, genders, memberRoles, memberSchema, PREFER_NOT_TO_SAY } from "../groups.schema";
import { SelectField } from "../../../components/ui/select-field";
import { DateField } from "../../../components/ui/date-field";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { isMessageKey } from "../../../i18n/i18n";

interface MemberFormProps {
  ethnicGroups: { code: string; nameVi: string }[];
  values: Record<string, string | undefined>;
  serverErrors?: Record<string, string>;
  submitLabel: MessageKey;
}

export function MemberForm({ ethnicGroups, values, serverErrors, submitLabel }: MemberFormProps) {
  const t = useT();
  // The inputs carry their starting values in the HTML; the form library reads them from there.
  const form = useZodForm(memberSchema, { serverErrors });
  return (
    <>
      <FormError error={form.formError} />
      <ErrorSummary errors={form.serverErrors} label={(name) => (isMessageKey(`groups.member.${name}`) ? t.dynamic(`groups.member.${name}`) : undefined)} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="save" />
        <Field
          label={t("groups.member.name")}
          hint={t("groups.member.nameHint")}
          defaultValue={values.name}
          error={form.errorFor("name")}
          {...form.register("name")}
        />
        <ChoiceGroup
          id="field-gender"
          type="radio"
          legend={t("groups.member.gender")}
          error={form.errorFor("gender")}
          checked={(g) => values.gender === g}
          choices={genders.map((g) => ({ value: g, label: t(`groups.gender.${g}`) }))}
          input={form.register("gender")}
        />
        <SelectField
          label={t("groups.member.ethnicity")}
          hint={t("groups.member.ethnicityHint")}
          error={form.errorFor("ethnicity")}
          defaultValue={values.ethnicity ?? ""}
          {...form.register("ethnicity")}
        >
          <option value="">{t("groups.field.choose")}</option>
          <option value={PREFER_NOT_TO_SAY}>{t("groups.member.preferNotToSay")}</option>
          {ethnicGroups.map((e) => (
            <option key={e.code} value={e.code}>
              {e.nameVi}
            </option>
          ))}
        </SelectField>
        <Field
          label={t("groups.member.birthYear")}
          hint={t("groups.member.birthYearHint")}
          inputMode="numeric"
          defaultValue={values.birthYear}
          error={form.errorFor("birthYear")}
          {...form.register("birthYear")}
        />
        <SelectField label={t("groups.member.role")} error={form.errorFor("role")} defaultValue={values.role ?? ""} {...form.register("role")}>
          <option value="">{t("groups.field.choose")}</option>
          {memberRoles.map((role) => (
            <option key={role} value={role}>
              {t(`groups.role.${role}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="stack">
          <legend>{t("groups.member.consent")}</legend>
          <p className="hint">{t("groups.member.consentHint")}</p>
          <DateField
            label={t("groups.member.consentGivenOn")}
            hint={t("groups.member.consentGivenOnHint")}
            defaultValue={values.consentGivenOn}
            error={form.errorFor("consentGivenOn")}
            {...form.register("consentGivenOn")}
          />
          <ChoiceGroup
            id="field-consentMethod"
            type="radio"
            legend={t("groups.member.consentMethod")}
            error={form.errorFor("consentMethod")}
            checked={(m) => values.consentMethod === m}
            choices={consentMethods.map((m) => ({ value: m, label: t(`groups.member.consentMethod.${m}`) }))}
            input={form.register("consentMethod")}
          />
          <Field
            label={t("groups.member.consentWitness")}
            hint={t("groups.member.consentWitnessHint")}
            defaultValue={values.consentWitness}
            error={form.errorFor("consentWitness")}
            {...form.register("consentWitness")}
          />
        </fieldset>
        <div>
          <button type="submit">{t(submitLabel)}</button>
        </div>
      </Form>
    </>
  );
}
