import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useT } from "../../../i18n/use-t";
import { outcomes } from "../decisions.schema";
import { TextAreaField } from "../../../components/ui/text-area-field";

type Name = "outcome" | "conditions" | "reasonVi" | "reasonEn";

interface DecisionFieldsProps {
  register: (name: Name) => UseFormRegisterReturn;
  errorFor: (name: string) => string | undefined;
  /** What the inputs start with (a refused post's values, so nothing typed is lost). */
  values?: Partial<Record<Name, string>>;
  /** Extra fields shown after the outcome, such as the award. */
  children?: ReactNode;
}

/** The questions every decision asks: which outcome, on what conditions, and why. */
export function DecisionFields({ register, errorFor, values = {}, children }: DecisionFieldsProps) {
  const t = useT();
  const outcomeError = errorFor("outcome");
  // A radio button's value is its own: the posted choice comes back as defaultChecked instead.
  const outcomeInput = { ...register("outcome"), defaultValue: undefined };
  return (
    <>
      <fieldset className={outcomeError ? "checks field-invalid" : "checks"} aria-describedby={outcomeError ? "field-outcome-error" : undefined}>
        <legend>{t("decisions.form.outcome")}</legend>
        {outcomes.map((outcome) => (
          <label key={outcome}>
            <input type="radio" {...outcomeInput} value={outcome} defaultChecked={values.outcome === outcome} />{" "}
            {t(`decisions.outcome.${outcome}`)}
          </label>
        ))}
        {outcomeError ? (
          <p className="field-error" id="field-outcome-error">
            {t.dynamic(outcomeError)}
          </p>
        ) : null}
      </fieldset>
      {children}
      <TextAreaField
        label={t("decisions.form.conditions")}
        hint={t("decisions.form.conditionsHint")}
        defaultValue={values.conditions}
        error={errorFor("conditions")}
        {...register("conditions")}
      />
      <TextAreaField
        label={t("decisions.form.reasonVi")}
        hint={t("decisions.form.reasonViHint")}
        defaultValue={values.reasonVi}
        error={errorFor("reasonVi")}
        lang="vi"
        {...register("reasonVi")}
      />
      <TextAreaField
        label={t("decisions.form.reasonEn")}
        hint={t("decisions.form.reasonEnHint")}
        defaultValue={values.reasonEn}
        error={errorFor("reasonEn")}
        lang="en"
        {...register("reasonEn")}
      />
    </>
  );
}
