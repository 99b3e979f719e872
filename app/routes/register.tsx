import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { CheckboxField } from "../components/ui/choice-group";
import { Field, FormError } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { auth } from "../i18n/areas/auth";
import { useT, type MessagesHandle } from "../i18n/use-t";
import { registerSchema } from "../modules/auth/auth.schema";
import { register } from "../modules/auth/auth.server";
import { getUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle & MessagesHandle = { access: "public", messages: [auth] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, registerSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await register(form.data, await requestMeta(request, context));
  if (!outcome.ok) {
    const { name, phone = "", email = "" } = form.data;
    return data({ errors: outcome.errors, values: { name, phone, email } }, { status: outcome.status });
  }
  if ("confirmationSent" in outcome) return redirect("/register/sent");
  return redirect("/", { headers: { "Set-Cookie": outcome.setCookie } });
}

export default function Register() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(registerSchema, { serverErrors: actionData?.errors });
  return (
    <section>
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Field label={t("register.name")} hint={t("register.nameHint")} autoComplete="name" error={form.errorFor("name")} {...form.register("name")} />
        <Field
          label={t("register.phone")}
          hint={t("register.phoneHint")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          error={form.errorFor("phone")}
          {...form.register("phone")}
        />
        <CheckboxField label={t("register.phoneNotices")} value="yes" error={form.errorFor("phoneNotices")} {...form.register("phoneNotices")} defaultValue={undefined} />
        <Field
          label={t("register.email")}
          hint={t("register.emailHint")}
          type="email"
          autoComplete="email"
          error={form.errorFor("email")}
          {...form.register("email")}
        />
        <Field
          label={t("register.password")}
          hint={t("register.passwordHint")}
          type="password"
          autoComplete="new-password"
          error={form.errorFor("password")}
          {...form.register("password")}
        />
        <div>
          <button type="submit">{t("register.submit")}</button>
        </div>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </section>
  );
}
