import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { notFoundUnless, requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { stripeAccountSchema } from "../modules/groups/stripe-account.schema";
import { setStripeAccount, stripeAccountOf } from "../modules/groups/stripe-account.server";

// Finance keeps each group's Stripe connected account: the destination of its Stripe transfers.
export const handle: RouteHandle = { access: ["finance"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "payments.account.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:stripe-accounts");
  const group = await stripeAccountOf(requireUuid(params.groupId));
  notFoundUnless(group);
  return { group };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:stripe-accounts");
  const groupId = requireUuid(params.groupId);
  notFoundUnless(await stripeAccountOf(groupId));
  const body = await readForm(request, 8 * 1024);
  if (!(body instanceof FormData)) return badRequest({ "": body });
  const form = await parseForm(body, stripeAccountSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const account = form.data.stripeAccountId || null;
  const saved = await setStripeAccount({ user, ip: context?.ip ?? "" }, groupId, account);
  if (!saved) throw new Response("Not found", { status: 404 });
  return { notice: account ? ("payments.account.saved" as const) : ("payments.account.removed" as const) };
}

export default function GroupStripeAccount() {
  const t = useT();
  const { group } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const posted = actionData && "values" in actionData ? actionData.values : undefined;
  const typed = typeof posted?.stripeAccountId === "string" ? posted.stripeAccountId : undefined;
  const form = useZodForm(stripeAccountSchema, { serverErrors: errors, defaultValues: { stripeAccountId: typed ?? group.stripeAccountId ?? "" } });
  return (
    <section>
      <p>
        <Link to="/finance">{t("payments.account.back")}</Link>
      </p>
      <h1>{t("payments.account.title")}</h1>
      <p>
        <strong>{group.name}</strong>
      </p>
      <p>{t("payments.account.intro")}</p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      <FormError error={errors?.[""]} />
      <p>{group.stripeAccountId ? t("payments.account.current", { account: group.stripeAccountId }) : t("payments.account.none")}</p>
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Field
          label={t("payments.account.field")}
          hint={t("payments.account.hint")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={typed ?? group.stripeAccountId ?? ""}
          error={form.errorFor("stripeAccountId")}
          {...form.register("stripeAccountId")}
        />
        <div>
          <button type="submit">{t("payments.account.save")}</button>
        </div>
      </Form>
    </section>
  );
}
