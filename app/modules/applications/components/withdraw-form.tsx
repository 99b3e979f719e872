import { Form } from "../../../components/ui/form";
import { CheckboxField } from "../../../components/ui/choice-group";
import { FormError } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import { withdrawSchema } from "../applications.schema";

/** The group takes its application back: what that means, why (if she says), and a box to tick. */
export function WithdrawForm({ errors }: { errors: Record<string, string> | undefined }) {
  const t = useT();
  const form = useZodForm(withdrawSchema, { serverErrors: errors });
  return (
    <section className="card" aria-labelledby="withdraw">
      <h2 id="withdraw">{t("applications.withdraw.title")}</h2>
      <p>{t("applications.withdraw.intro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="withdraw" />
        <TextAreaField
          id="withdraw-reason"
          label={t("applications.withdraw.reason")}
          hint={t("applications.withdraw.reasonHint")}
          maxLength={1000}
          error={form.errorFor("reason")}
          {...form.register("reason")}
        />
        <CheckboxField value="yes" label={t("applications.withdraw.confirm")} error={form.errorFor("confirm")} {...form.register("confirm")} />
        <div>
          <button type="submit" className="secondary">
            {t("applications.withdraw.button")}
          </button>
        </div>
      </Form>
    </section>
  );
}
