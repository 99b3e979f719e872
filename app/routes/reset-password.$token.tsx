import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { useT } from "../i18n/use-t";
import { resetPasswordSchema } from "../modules/auth/auth.schema";
import { findOpenReset, resetPassword } from "../modules/auth/auth.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: "public" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "reset.title");

// Always 200: after a successful reset this loader runs again and finds the link spent, and its
// status would otherwise replace the action's. The page itself says when a link is dead.
export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: Boolean(await findOpenReset(params.token ?? "")) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, resetPasswordSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await resetPassword(params.token ?? "", form.data, await requestMeta(request, context));
  if (!outcome.ok) return data({ errors: outcome.errors }, { status: outcome.status });
  return { done: true as const };
}

export default function ResetPassword() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serverErrors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const form = useZodForm(resetPasswordSchema, { serverErrors });
  if (actionData && "done" in actionData) {
    return (
      <section>
        <h1>{t("reset.title")}</h1>
        <Notice>{t("reset.done")}</Notice>
        <Link to="/login">{t("nav.login")}</Link>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("reset.title")}</h1>
      {!valid ? (
        <>
          <FormError error="auth.resetInvalid" />
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </>
      ) : (
        <>
          <FormError error={form.formError} />
          <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
            <Field label={t("reset.password")} hint={t("register.passwordHint")} type="password" autoComplete="new-password" error={form.errorFor("password")} {...form.register("password")} />
            <Field label={t("reset.confirm")} type="password" autoComplete="new-password" error={form.errorFor("confirm")} {...form.register("confirm")} />
            <div>
              <button type="submit">{t("reset.submit")}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
