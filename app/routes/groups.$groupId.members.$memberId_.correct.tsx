import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { useZodForm } from "../forms/use-zod-form";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { parseFormKeepingValues } from "../modules/groups/form-values.server";
import { titleFor } from "../i18n/title";
import { correctMember, memberToCorrect } from "../modules/privacy/correction.server";
import { correctionSchema } from "../modules/privacy/privacy.schema";

// Staff, or the group for its own roster, correct a member's details with a reason (issue 15, item 3).
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacy.correct.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const member = await memberToCorrect(user, groupId, requireUuid(params.memberId));
  return { groupId, member, done: new URL(request.url).searchParams.has("done") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const memberId = requireUuid(params.memberId);
  await memberToCorrect(user, groupId, memberId);
  const form = await parseFormKeepingValues(request, correctionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await correctMember({ user, ip: context?.ip ?? "" }, groupId, memberId, form.data);
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: result.status });
  return redirect(`/groups/${groupId}/members/${memberId}/correct?done=1`);
}

export default function CorrectMember() {
  const t = useT();
  const { groupId, member, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values: Record<string, string | undefined> = actionData?.values ?? { name: member.name, birthYear: member.birthYear === null ? "" : String(member.birthYear) };
  const form = useZodForm(correctionSchema, { serverErrors: actionData?.errors });
  return (
    <section>
      <p>
        <Link to={`/groups/${groupId}/members`}>← {t("groups.members.title")}</Link>
      </p>
      <h1>{t("privacy.correct.title")}</h1>
      {done ? <Notice>{t("privacy.correct.done")}</Notice> : null}
      <p>{t("privacy.correct.intro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Field label={t("privacy.correct.name")} defaultValue={values.name} error={form.errorFor("name")} {...form.register("name")} />
        <Field label={t("privacy.correct.birthYear")} inputMode="numeric" defaultValue={values.birthYear} error={form.errorFor("birthYear")} {...form.register("birthYear")} />
        <Field label={t("privacy.correct.reason")} hint={t("privacy.correct.reasonHint")} defaultValue={values.reason} error={form.errorFor("reason")} {...form.register("reason")} />
        <button type="submit">{t("privacy.correct.save")}</button>
      </Form>
    </section>
  );
}
