import { Form } from "../../../components/ui/form";
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import { batchDecisionSchema } from "../decisions.schema";
import { DecisionFields, ReviewsOverrideField, type DecisionValues } from "./decision-fields";

/**
 * One decision for every application ticked in the list above it (the scoreboard): the list is
 * the caller's, given the registration of its boxes; the questions are every decision's.
 */
export function BatchDecisionForm({
  errors,
  posted,
  children,
}: {
  errors: Record<string, string> | undefined;
  /** A refused post's values, so nothing typed is lost. */
  posted: (DecisionValues & { reviewsOverride?: string }) | undefined;
  /** The list of applications, each decidable one with a box registered by `selectBox`. */
  children: (selectBox: UseFormRegisterReturn) => ReactNode;
}) {
  const t = useT();
  // An array by default, so one ticked box on a page still reads as a list of one.
  const batch = useZodForm(batchDecisionSchema, { serverErrors: errors, defaultValues: { applicationIds: [] } });
  const selectError = batch.errorFor("applicationIds");
  return (
    <Form method="post" noValidate onSubmit={batch.onSubmit}>
      <input type="hidden" name="intent" value="batch" />
      {children(batch.register("applicationIds"))}
      {selectError ? (
        <p className="field-error" role="alert">
          {t.dynamic(selectError)}
        </p>
      ) : null}
      <fieldset className="stack">
        <legend>{t("decisions.batch.title")}</legend>
        <p className="hint">{t("decisions.batch.intro")}</p>
        <DecisionFields register={batch.register} errorFor={batch.errorFor} values={posted} />
        <ReviewsOverrideField
          input={batch.register("reviewsOverride")}
          error={batch.errorFor("reviewsOverride")}
          value={posted?.reviewsOverride}
          hint={t("decisions.form.reviewsOverrideBatchHint")}
        />
        <div>
          <button type="submit">{t("decisions.batch.submit")}</button>
        </div>
      </fieldset>
    </Form>
  );
}
