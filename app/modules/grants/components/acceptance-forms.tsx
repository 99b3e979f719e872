import { Form } from "@remix-run/react";
import { useMemo } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "../../../components/ui/field";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import { consentMethods, facilitatorAcceptanceSchema, leaderAcceptanceSchema } from "../grants.schema";

type Values = Record<string, string | string[]> | undefined;

/** A labelled checkbox with its message, posting "yes" when ticked. */
function AcceptBox({ label, error, input }: { label: string; error?: string; input: UseFormRegisterReturn }) {
  const t = useT();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label className="checks">
        <input
          type="checkbox"
          {...input}
          defaultValue={undefined}
          value="yes"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-accept-error" : undefined}
        />{" "}
        {label}
      </label>
      {error ? (
        <p className="field-error" id="field-accept-error">
          {t.dynamic(error)}
        </p>
      ) : null}
    </div>
  );
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
  const methodError = form.errorFor("consentMethod");
  const method = { ...form.register("consentMethod"), defaultValue: undefined };
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
      <fieldset className={methodError ? "checks field-invalid" : "checks"} aria-describedby={methodError ? "field-consentMethod-error" : undefined}>
        <legend>{t("grants.behalf.method")}</legend>
        {consentMethods.map((value) => (
          <label key={value}>
            <input type="radio" {...method} value={value} defaultChecked={typed("consentMethod") === value} /> {t(`grants.consent.${value}`)}
          </label>
        ))}
        {methodError ? (
          <p className="field-error" id="field-consentMethod-error">
            {t.dynamic(methodError)}
          </p>
        ) : null}
      </fieldset>
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
