import { Form } from "../../../components/ui/form";
import { FormError } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import { TextArea } from "./fields";
import { AutosaveNote, loadSchema, lockedIn, one, StepButtons, valuesOf, type StepProps } from "./step-parts";
import { useDraftForm } from "./use-draft-form";

export function EnvironmentStep(props: StepProps) {
  const t = useT();
  const v = valuesOf(props);
  const locked = lockedIn(props.page);
  const form = useDraftForm(loadSchema("environmentSchema"), {
    serverErrors: props.errors,
    defaultValues: { environmentalCare: one(v.environmentalCare) },
    autosave: true,
  });
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} ref={form.formRef}>
      <FormError error={form.formError} />
      <TextArea
        label={t("applications.field.environmentalCare")}
        hint={t("applications.hint.environmentalCare")}
        rows={6}
        defaultValue={one(v.environmentalCare)}
        disabled={locked("environmentalCare")}
        error={form.errorFor("environmentalCare")}
        {...form.register("environmentalCare")}
      />
      <StepButtons />
      <AutosaveNote state={form.autosave} />
    </Form>
  );
}
