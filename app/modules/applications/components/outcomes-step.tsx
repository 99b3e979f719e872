import { Form } from "../../../components/ui/form";
import { Field, FormError } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import { AmountInput } from "./fields";
import { AutosaveNote, loadSchema, lockedIn, one, StepButtons, valuesOf, type StepProps } from "./step-parts";
import { useDraftForm } from "./use-draft-form";

export function OutcomesStep(props: StepProps) {
  const t = useT();
  const v = valuesOf(props);
  const locked = lockedIn(props.page);
  const names = ["membersTakingPart", "womenTakingPart", "baselineIncome", "targetIncome"] as const;
  const form = useDraftForm(loadSchema("outcomesSchema"), {
    serverErrors: props.errors,
    defaultValues: Object.fromEntries(names.map((n) => [n, one(v[n])])),
    autosave: true,
  });
  const amounts = { ...props.page.amounts, ...form.autosave.amounts };
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} ref={form.formRef}>
      <FormError error={form.formError} />
      <Field
        label={t("applications.field.membersTakingPart")}
        hint={t("applications.hint.membersTakingPart")}
        inputMode="numeric"
        defaultValue={one(v.membersTakingPart)}
        disabled={locked("membersTakingPart")}
        error={form.errorFor("membersTakingPart")}
        {...form.register("membersTakingPart")}
      />
      <Field
        label={t("applications.field.womenTakingPart")}
        hint={t("applications.hint.womenTakingPart")}
        inputMode="numeric"
        defaultValue={one(v.womenTakingPart)}
        disabled={locked("womenTakingPart")}
        error={form.errorFor("womenTakingPart")}
        {...form.register("womenTakingPart")}
      />
      <AmountInput
        label={t("applications.field.baselineIncome")}
        hint={t("applications.hint.baselineIncome")}
        words={amounts.baselineIncome}
        defaultValue={one(v.baselineIncome)}
        disabled={locked("baselineIncome")}
        error={form.errorFor("baselineIncome")}
        {...form.register("baselineIncome")}
      />
      <AmountInput
        label={t("applications.field.targetIncome")}
        hint={t("applications.hint.targetIncome")}
        words={amounts.targetIncome}
        defaultValue={one(v.targetIncome)}
        disabled={locked("targetIncome")}
        error={form.errorFor("targetIncome")}
        {...form.register("targetIncome")}
      />
      <StepButtons />
      <AutosaveNote state={form.autosave} />
    </Form>
  );
}
