import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { ChoiceGroup } from "../components/ui/choice-group";
import { useT } from "../i18n/use-t";
import { inviteSchema } from "../modules/auth/auth.schema";
import { invite } from "../modules/auth/auth.server";
import { requireAccess } from "../modules/auth/guards.server";
import { staffRoles, type RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "invite.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const form = await parseForm(request, inviteSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await invite(form.data, admin, await requestMeta(request, context));
  if (!outcome.ok) return badRequest(outcome.errors, { name: form.data.name, email: form.data.email });
  return { sentTo: form.data.email };
}

export default function Invite() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const serverErrors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const form = useZodForm(inviteSchema, { serverErrors });
  const rolesError = form.errorFor("roles");
  return (
    <section>
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro")}</p>
      {actionData && "sentTo" in actionData ? <Notice>{t("invite.sent", { email: actionData.sentTo })}</Notice> : null}
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Field label={t("invite.name")} error={form.errorFor("name")} {...form.register("name")} />
        <Field label={t("invite.email")} hint={t("invite.emailHint")} type="email" error={form.errorFor("email")} {...form.register("email")} />
        <ChoiceGroup
          id="roles"
          legend={t("invite.roles")}
          type="checkbox"
          choices={staffRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          input={form.register("roles")}
          error={rolesError}
        />
        <div>
          <button type="submit">{t("invite.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
