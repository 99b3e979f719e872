import { Form } from "../../../components/ui/form";
import { useMemo } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { CheckboxField, ChoiceGroup } from "../../../components/ui/choice-group";
import { Field } from "../../../components/ui/field";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import { consentMethods, facilitatorAcceptanceSchema, leaderAcceptanceSchema } from "../grants.schema";

type Values = Record<string, string | string[]> | undefined;

/** A labelled checkbox with its message, posting "yes" when ticked. */
function AcceptBox({ label, error, input }: { label: string; error?: string; input: UseFormRegisterReturn }) {
  return <CheckboxField label={label} error={error} {...input} defaultValue={undefined} value="yes" />;
}

/** The leader accepts for her group: she ticks the box and types her name as her signature. */
export function LeaderAcceptanceForm({ accountName, errors, values }: { accountName: string; errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const schema = useMemo(() => leaderAcceptanceSchema(accountName), [accountName]);
  const form = useZodForm(schema, { serverErrors: errors });
  return (
    <Form method="post" className="stack no-print" noValidate onSubmit={form.onSubmit} aria-labelledby="accept-heading">
      <h2 id="accept-heading">{t("grants.accept.title")}</h2>
      <p>{t("grants.accept.intro")}</p>
      <input type="hidden" name="intent" value="accept" />
      <AcceptBox label={t("grants.accept.checkbox")} error={form.errorFor("accept")} input={form.register("accept")} />
      <Field
        label={t("grants.accept.signature")}
        hint={t("grants.accept.signatureHint", { name: accountName })}
        autoComplete="name"
        maxLength={120}
        defaultValue={typeof values?.signature === "string" ? values.signature : undefined}
        error={form.errorFor("signature")}
        {...form.register("signature")}
      />
      <div>
        <button type="submit">{t("grants.accept.submit")}</button>
      </div>
    </Form>
  );
}

/** A facilitator records that the group accepted: who agreed for it, and how (paper, or aloud before a witness). */
export function FacilitatorAcceptanceForm({ leaderName, errors, values }: { leaderName: string; errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const form = useZodForm(facilitatorAcceptanceSchema, { serverErrors: errors });
  const typed = (name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : undefined);
  return (
    <Form method="post" className="stack no-print" noValidate onSubmit={form.onSubmit} aria-labelledby="behalf-heading">
      <h2 id="behalf-heading">{t("grants.behalf.title")}</h2>
      <p>{t("grants.behalf.intro")}</p>
      <input type="hidden" name="intent" value="accept" />
      <AcceptBox label={t("grants.behalf.checkbox")} error={form.errorFor("accept")} input={form.register("accept")} />
      <Field
        label={t("grants.behalf.consentBy")}
        hint={t("grants.behalf.consentByHint")}
        maxLength={120}
        defaultValue={typed("consentBy") ?? leaderName}
        error={form.errorFor("consentBy")}
        {...form.register("consentBy")}
      />
      <ChoiceGroup
        id="field-consentMethod"
        type="radio"
        legend={t("grants.behalf.method")}
        choices={consentMethods.map((value) => ({ value, label: t(`grants.consent.${value}`) }))}
        input={form.register("consentMethod")}
        checked={(value) => typed("consentMethod") === value}
        error={form.errorFor("consentMethod")}
      />
      <Field
        label={t("grants.behalf.witness")}
        hint={t("grants.behalf.witnessHint")}
        maxLength={120}
        defaultValue={typed("witnessName")}
        error={form.errorFor("witnessName")}
        {...form.register("witnessName")}
      />
      <div>
        <button type="submit">{t("grants.behalf.submit")}</button>
      </div>
    </Form>
  );
}
