import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError } from "../components/ui/field";
import { parseForm, badRequest } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { auth } from "../i18n/areas/auth";
import { useT, type MessagesHandle } from "../i18n/use-t";
import { loginSchema } from "../modules/auth/auth.schema";
import { logIn } from "../modules/auth/auth.server";
import { getUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle & MessagesHandle = { access: "public", messages: [auth] };
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, loginSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await logIn(request, form.data, await requestMeta(request, context));
  if (!outcome.ok) {
    return data({ errors: outcome.errors, values: { identifier: form.data.identifier } }, { status: outcome.status });
  }
  return redirect(form.data.redirectTo, { headers: { "Set-Cookie": outcome.setCookie } });
}

export default function Login() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useZodForm(loginSchema, { serverErrors: actionData?.errors });
  return (
    <section>
      <h1>{t("login.title")}</h1>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("login.identifier")}
          hint={t("login.identifierHint")}
          autoComplete="username"
          error={form.errorFor("identifier")}
          {...form.register("identifier")}
        />
        <Field
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          error={form.errorFor("password")}
          {...form.register("password")}
        />
        <div>
          <button type="submit">{t("login.submit")}</button>
        </div>
      </Form>
      <p>
        <Link to="/login/code">{t("login.withCode")}</Link>
      </p>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("login.registerLink")}</Link>
      </p>
    </section>
  );
}
