import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatPhone } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { requireUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { acceptHandover } from "../modules/groups/accounts.server";
import { joinGroupSchema } from "../modules/groups/groups.schema";
import { titleFor } from "../i18n/title";

// "Take a group": the person a facilitator handed a group to types the code sent to her phone.
export const handle: RouteHandle = { access: "signed-in" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.join.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { phone: user.phone };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, joinGroupSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const result = await acceptHandover(actorOf(user, context?.ip ?? ""), form.data.code);
  if (!result.ok) return badRequest(result.errors);
  return redirect(`/groups/${result.groupId}`);
}

export default function JoinGroup() {
  const t = useT();
  const { phone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(joinGroupSchema, { serverErrors: actionData?.errors });
  return (
    <section>
      <h1>{t("groups.join.title")}</h1>
      {phone ? (
        <>
          <p>{t("groups.join.intro", { phone: formatPhone(phone) })}</p>
          <FormError error={form.formError} />
          <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
            <Field label={t("codeLogin.code")} hint={t("codeLogin.codeHint")} inputMode="numeric" autoComplete="one-time-code" error={form.errorFor("code")} {...form.register("code")} />
            <div>
              <button type="submit">{t("groups.join.submit")}</button>
            </div>
          </Form>
        </>
      ) : (
        <p>{t("groups.accounts.needPhone")}</p>
      )}
      <p>
        <Link to="/">{t("common.back")}</Link>
      </p>
    </section>
  );
}
