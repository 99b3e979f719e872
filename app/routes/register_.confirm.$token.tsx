import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError } from "../components/ui/field";
import { auth } from "../i18n/areas/auth";
import { useT, type MessagesHandle } from "../i18n/use-t";
import { confirmSignUp, findOpenSignUp } from "../modules/auth/auth.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { requestMeta } from "../modules/auth/request-meta.server";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "register.confirm.title");

export const handle: RouteHandle & MessagesHandle = { access: "public", messages: [auth] };

// Opening the link only shows a button: mail scanners that follow links must not create accounts.
export async function loader({ params }: LoaderFunctionArgs) {
  const signUp = await findOpenSignUp(params.token ?? "");
  if (!signUp) return data({ name: null }, { status: 410 });
  return { name: signUp.name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await confirmSignUp(params.token ?? "", await requestMeta(request, context));
  if (!outcome.ok) return data({ errors: outcome.errors }, { status: outcome.status });
  return redirect("/", { headers: { "Set-Cookie": outcome.setCookie } });
}

export default function ConfirmSignUp() {
  const t = useT();
  const { name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData?.errors[""] ?? (name === null ? "auth.signUpInvalid" : undefined);
  return (
    <section>
      <h1>{t("register.confirm.title")}</h1>
      <FormError error={error} />
      {name !== null && !actionData ? (
        <Form method="post" className="stack">
          <p>{t("register.confirm.intro", { name })}</p>
          <div>
            <button type="submit">{t("register.confirm.submit")}</button>
          </div>
        </Form>
      ) : (
        <p>
          <Link to="/register">{t("nav.register")}</Link> · <Link to="/login">{t("nav.login")}</Link>
        </p>
      )}
    </section>
  );
}
