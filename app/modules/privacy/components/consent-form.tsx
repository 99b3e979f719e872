import { Form } from "../../../components/ui/form";
import { ChoiceGroup } from "../../../components/ui/choice-group";
import { Field, FormError } from "../../../components/ui/field";
import { FileField } from "../../../components/ui/file-field";
import { SelectField } from "../../../components/ui/select-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import { consentPurposes, consentSchema, fieldConsentWays } from "../privacy.schema";

interface ConsentFormProps {
  members: { id: string; name: string }[];
  values: Record<string, string | undefined>;
  serverErrors?: Record<string, string>;
}

/** One answer of one member for one purpose; multipart, since a signed paper comes with its scan. */
export function ConsentForm({ members, values, serverErrors }: ConsentFormProps) {
  const t = useT();
  const form = useZodForm(consentSchema, { serverErrors });
  return (
    <>
      <FormError error={form.formError} />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={form.onSubmit}>
        <SelectField label={t("privacy.consents.member")} error={form.errorFor("memberId")} defaultValue={values.memberId ?? ""} {...form.register("memberId")}>
          <option value="">{t("groups.field.choose")}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <ChoiceGroup
          id="field-purpose"
          type="radio"
          legend={t("privacy.consents.purpose")}
          error={form.errorFor("purpose")}
          checked={(p) => values.purpose === p}
          choices={consentPurposes.map((p) => ({ value: p, label: t(`privacy.purpose.${p}`) }))}
          input={form.register("purpose")}
        />
        <ChoiceGroup
          id="field-answer"
          type="radio"
          legend={t("privacy.consents.answer")}
          error={form.errorFor("answer")}
          checked={(a) => values.answer === a}
          choices={(["given", "withdrawn"] as const).map((a) => ({ value: a, label: t(`privacy.consents.answer.${a}`) }))}
          input={form.register("answer")}
        />
        <ChoiceGroup
          id="field-way"
          type="radio"
          legend={t("privacy.consents.way")}
          error={form.errorFor("way")}
          checked={(w) => values.way === w}
          choices={fieldConsentWays.map((w) => ({ value: w, label: t(`privacy.consents.way.${w}`) }))}
          input={form.register("way")}
        />
        <Field
          label={t("privacy.consents.witness")}
          hint={t("privacy.consents.witnessHint")}
          defaultValue={values.witness}
          error={form.errorFor("witness")}
          {...form.register("witness")}
        />
        <Field
          label={t("privacy.consents.saidOn")}
          hint={t("privacy.consents.saidOnHint")}
          type="date"
          defaultValue={values.saidOn}
          error={form.errorFor("saidOn")}
          {...form.register("saidOn")}
        />
        <FileField label={t("privacy.consents.scan")} hint={t("privacy.consents.scanHint")} accept="image/jpeg,image/png,image/webp,application/pdf" error={serverErrors?.file} />
        <button type="submit">{t("privacy.consents.save")}</button>
      </Form>
    </>
  );
}
