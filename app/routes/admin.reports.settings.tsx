import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { useT } from "../i18n/use-t";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { AmountWords } from "../modules/outcomes/components/amount-words";
import { settingsSchema } from "../modules/outcomes/outcomes.schema";
import { getOutcomeSettings, saveOutcomeSettings } from "../modules/outcomes/settings.server";
import { titleFor } from "../i18n/title";

// The admin's reporting rules: the bound above which an income is refused as absurd, and how long
// before a due date the reminder goes out.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "outcomes.settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review:reports");
  return getOutcomeSettings();
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "review:reports");
  const form = await parseForm(request, settingsSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  await saveOutcomeSettings(form.data, { id: admin.id, ip: context?.ip ?? "" });
  return { notice: "outcomes.settings.saved" as const, errors: undefined };
}

export default function OutcomeSettingsPage() {
  const t = useT();
  const settings = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(settingsSchema, {
    defaultValues: { maxMonthlyIncome: settings.maxMonthlyIncome.toString(), reminderDaysBefore: String(settings.reminderDaysBefore) },
  });
  return (
    <section>
      <p>
        <Link to="/admin/reports">{t("outcomes.admin.back")}</Link>
      </p>
      <h1>{t("outcomes.settings.title")}</h1>
      {actionData && "notice" in actionData && actionData.notice ? <Notice>{t(actionData.notice)}</Notice> : null}
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <FormError error={form.formError} />
        <Field
          label={t("outcomes.settings.maxMonthlyIncome")}
          hint={t("outcomes.settings.maxMonthlyIncomeHint")}
          inputMode="numeric"
          defaultValue={settings.maxMonthlyIncome.toString()}
          error={form.errorFor("maxMonthlyIncome")}
          {...form.register("maxMonthlyIncome")}
        />
        <AmountWords value={settings.maxMonthlyIncome.toString()} />
        <Field
          label={t("outcomes.settings.reminderDaysBefore")}
          hint={t("outcomes.settings.reminderDaysBeforeHint")}
          inputMode="numeric"
          defaultValue={String(settings.reminderDaysBefore)}
          error={form.errorFor("reminderDaysBefore")}
          {...form.register("reminderDaysBefore")}
        />
        <div>
          <button type="submit">{t("outcomes.settings.save")}</button>
        </div>
      </Form>
    </section>
  );
}
