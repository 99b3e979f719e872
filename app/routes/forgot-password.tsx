import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { useT } from "../i18n/use-t";
import { forgotPasswordSchema } from "../modules/auth/auth.schema";
import { requestPasswordReset } from "../modules/auth/auth.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";

export const handle: RouteHandle = { access: "public" };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, forgotPasswordSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await requestPasswordReset(form.data.email, await requestMeta(request, context));
  if (!outcome.ok) return data({ errors: outcome.errors }, { status: outcome.status });
  return { sent: true as const };
}

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const serverErrors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const form = useZodForm(forgotPasswordSchema, { serverErrors });
  return (
    <section>
      <h1>{t("forgot.title")}</h1>
      {actionData && "sent" in actionData ? <Notice>{t("forgot.sent")}</Notice> : null}
      <p>{t("forgot.intro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Field label={t("forgot.email")} type="email" autoComplete="email" error={form.errorFor("email")} {...form.register("email")} />
        <div>
          <button type="submit">{t("forgot.submit")}</button>
        </div>
      </Form>
      <p className="muted">{t("forgot.phoneOnly")}</p>
    </section>
  );
}
