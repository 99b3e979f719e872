import { Form } from "../../../components/ui/form";
import { Field, FormError } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import { Select, TextArea } from "./fields";
import { AutosaveNote, loadSchema, lockedIn, one, StepButtons, valuesOf, type StepProps } from "./step-parts";
import { useDraftForm } from "./use-draft-form";

export function ProjectStep(props: StepProps) {
  const t = useT();
  const v = valuesOf(props);
  const locked = lockedIn(props.page);
  const names = ["title", "activityType", "naturalResource", "location", "problem", "plan"] as const;
  const form = useDraftForm(loadSchema("projectSchema"), {
    serverErrors: props.errors,
    defaultValues: Object.fromEntries(names.map((n) => [n, one(v[n])])),
    autosave: true,
  });
  const activities = props.page.round.eligibleActivities;
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} ref={form.formRef}>
      <FormError error={form.formError} />
      <Field
        label={t("applications.field.title")}
        hint={t("applications.hint.title")}
        defaultValue={one(v.title)}
        disabled={locked("title")}
        error={form.errorFor("title")}
        {...form.register("title")}
      />
      <Select
        label={t("applications.field.activityType")}
        hint={t("applications.hint.activityType")}
        defaultValue={one(v.activityType)}
        disabled={locked("activityType")}
        error={form.errorFor("activityType")}
        {...form.register("activityType")}
      >
        <option value="">{t("applications.choose")}</option>
        {activities.map((code) => (
          <option key={code} value={code}>
            {t.dynamic(`activity.${code}`)}
          </option>
        ))}
      </Select>
      <Field
        label={t("applications.field.naturalResource")}
        hint={t("applications.hint.naturalResource")}
        defaultValue={one(v.naturalResource)}
        disabled={locked("naturalResource")}
        error={form.errorFor("naturalResource")}
        {...form.register("naturalResource")}
      />
      <Field
        label={t("applications.field.location")}
        hint={t("applications.hint.location")}
        defaultValue={one(v.location)}
        disabled={locked("location")}
        error={form.errorFor("location")}
        {...form.register("location")}
      />
      <TextArea
        label={t("applications.field.problem")}
        hint={t("applications.hint.problem")}
        defaultValue={one(v.problem)}
        disabled={locked("problem")}
        error={form.errorFor("problem")}
        {...form.register("problem")}
      />
      <TextArea
        label={t("applications.field.plan")}
        hint={t("applications.hint.plan")}
        rows={6}
        defaultValue={one(v.plan)}
        disabled={locked("plan")}
        error={form.errorFor("plan")}
        {...form.register("plan")}
      />
      <StepButtons />
      <AutosaveNote state={form.autosave} />
    </Form>
  );
}
