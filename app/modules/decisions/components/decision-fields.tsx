import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { ChoiceGroup } from "../../../components/ui/choice-group";
import { useT } from "../../../i18n/use-t";
import { outcomes } from "../decisions.schema";
import { TextAreaField } from "../../../components/ui/text-area-field";

type Name = "outcome" | "conditions" | "reasonVi" | "reasonEn";

/** What a decision's inputs start with. */
export type DecisionValues = Partial<Record<Name, string>>;

interface DecisionFieldsProps {
  register: (name: Name) => UseFormRegisterReturn;
  errorFor: (name: string) => string | undefined;
  /** What the inputs start with (a refused post's values, so nothing typed is lost). */
  values?: DecisionValues;
  /** Extra fields shown after the outcome, such as the award. */
  children?: ReactNode;
}

/** The questions every decision asks: which outcome, on what conditions, and why. */
export function DecisionFields({ register, errorFor, values = {}, children }: DecisionFieldsProps) {
  const t = useT();
  return (
    <>
      <ChoiceGroup
        id="field-outcome"
        type="radio"
        legend={t("decisions.form.outcome")}
        choices={outcomes.map((outcome) => ({ value: outcome, label: t(`decisions.outcome.${outcome}`) }))}
        input={register("outcome")}
        checked={(outcome) => values.outcome === outcome}
        error={errorFor("outcome")}
      />
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

/**
 * Why the decision cannot wait for the reviews the round requires. Deciding closes the reviews
 * still open, so the reason is kept with the decision and shown on the scoreboard.
 */
export function ReviewsOverrideField({
  input,
  error,
  value,
  hint,
}: {
  input: UseFormRegisterReturn;
  error: string | undefined;
  value?: string;
  hint: string;
}) {
  const t = useT();
  return <TextAreaField label={t("decisions.form.reviewsOverride")} hint={hint} defaultValue={value} error={error} {...input} />;
}
