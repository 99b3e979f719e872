import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { useT } from "../i18n/use-t";
import { acceptInvitationSchema } from "../modules/auth/auth.schema";
import { acceptInvitation, findOpenInvitation } from "../modules/auth/auth.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: "public" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "invitation.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 410 });
  return { invitation: { name: invitation.name, email: invitation.email, roles: invitation.roles } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, acceptInvitationSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await acceptInvitation(params.token ?? "", form.data, await requestMeta(request, context));
  if (!outcome.ok) return data({ errors: outcome.errors }, { status: outcome.status });
  return redirect("/", { headers: { "Set-Cookie": outcome.setCookie } });
}

export default function AcceptInvitation() {
  const t = useT();
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(acceptInvitationSchema, {
    serverErrors: actionData?.errors,
    defaultValues: { name: invitation?.name ?? "" },
  });
  return (
    <section>
      <h1>{t("invitation.title")}</h1>
      {!invitation ? (
        <FormError error="auth.invitationInvalid" />
      ) : (
        <>
          <p>{t("invitation.intro", { roles: invitation.roles.map((r) => t(`role.${r}`)).join(", ") })}</p>
          <p>{t("invitation.email", { email: invitation.email })}</p>
          <FormError error={form.formError} />
          <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
            <Field label={t("invitation.name")} autoComplete="name" defaultValue={invitation.name} error={form.errorFor("name")} {...form.register("name")} />
            <Field label={t("invitation.password")} hint={t("register.passwordHint")} type="password" autoComplete="new-password" error={form.errorFor("password")} {...form.register("password")} />
            <div>
              <button type="submit">{t("invitation.submit")}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
