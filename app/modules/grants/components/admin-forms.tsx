import { Form } from "../../../components/ui/form";
import { SelectField } from "../../../components/ui/select-field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import { awardConditionsMetSchema, cancelGrantSchema, conditionMetSchema } from "../grants.schema";

type Values = Record<string, string | string[]> | undefined;

const typedIn = (values: Values, name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : undefined);

/**
 * The admin marks a report tranche's condition met by hand, with a note for the audit log, until
 * outcome reports exist (only tranches still waiting for a report are offered).
 */
export function ConditionMetForm({
  open,
  errors,
  values,
}: {
  open: readonly { id: string; position: number; report: string }[];
  errors?: Record<string, string>;
  values?: Values;
}) {
  const t = useT();
  const form = useZodForm(conditionMetSchema, { serverErrors: errors });
  return (
    <Form method="post" className="stack no-print" noValidate onSubmit={form.onSubmit} aria-labelledby="condition-heading">
      <h2 id="condition-heading">{t("grants.condition.title")}</h2>
      <p>{t("grants.condition.intro")}</p>
      <input type="hidden" name="intent" value="condition" />
      <SelectField
        label={t("grants.condition.tranche")}
        defaultValue={typedIn(values, "trancheId")}
        error={form.errorFor("trancheId")}
        {...form.register("trancheId")}
      >
        {open.map((tranche) => (
          <option key={tranche.id} value={tranche.id}>
            {t("grants.condition.trancheOption", { position: tranche.position, report: tranche.report })}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("grants.condition.note")}
        hint={t("grants.condition.noteHint")}
        maxLength={1000}
        rows={3}
        defaultValue={typedIn(values, "note")}
        error={form.errorFor("note")}
        {...form.register("note")}
      />
      <div>
        <button type="submit">{t("grants.condition.submit")}</button>
      </div>
    </Form>
  );
}

/** The admin withdraws a grant the group has not accepted yet, with a reason for the audit log. */
export function CancelGrantForm({ errors, values }: { errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const form = useZodForm(cancelGrantSchema, { serverErrors: errors });
  return (
    <Form method="post" className="stack no-print" noValidate onSubmit={form.onSubmit} aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t("grants.cancel.title")}</h2>
      <p>{t("grants.cancel.intro")}</p>
      <input type="hidden" name="intent" value="cancel" />
      <TextAreaField
        label={t("grants.cancel.reason")}
        hint={t("grants.cancel.reasonHint")}
        maxLength={1000}
        rows={3}
        defaultValue={typedIn(values, "reason")}
        error={form.errorFor("reason")}
        {...form.register("reason")}
      />
      <div>
        <button type="submit" className="secondary">
          {t("grants.cancel.submit")}
        </button>
      </div>
    </Form>
  );
}

/** The admin records that the award's conditions are met, releasing the tranche they hold. */
export function AwardConditionsMetForm({ conditions, errors, values }: { conditions: string; errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const form = useZodForm(awardConditionsMetSchema, { serverErrors: errors });
  return (
    <Form method="post" className="stack no-print" noValidate onSubmit={form.onSubmit} aria-labelledby="award-conditions-heading">
      <h2 id="award-conditions-heading">{t("grants.awardConditions.title")}</h2>
      <p>{t("grants.awardConditions.intro", { conditions })}</p>
      <input type="hidden" name="intent" value="award-conditions" />
      <TextAreaField
        label={t("grants.awardConditions.note")}
        hint={t("grants.awardConditions.noteHint")}
        maxLength={1000}
        rows={3}
        defaultValue={typedIn(values, "note")}
        error={form.errorFor("note")}
        {...form.register("note")}
      />
      <div>
        <button type="submit">{t("grants.awardConditions.submit")}</button>
      </div>
    </Form>
  );
}
