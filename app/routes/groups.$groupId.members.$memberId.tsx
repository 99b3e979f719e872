import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { parseForm } from "../forms/parse-form.server";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { MemberForm } from "../modules/groups/components/member-form";
import { parseFormKeepingValues, readPostedForm, refused } from "../modules/groups/form-values.server";
import { memberSchema, PREFER_NOT_TO_SAY, removeMemberSchema } from "../modules/groups/groups.schema";
import { findMemberForActor, listEthnicGroups, removeMember, updateMember } from "../modules/groups/members.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.members.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const groupId = requireUuid(params.groupId);
  const member = await findMemberForActor(user, groupId, requireUuid(params.memberId));
  return {
    groupId,
    member: {
      id: member.id,
      name: member.name,
      values: {
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicityCode ?? PREFER_NOT_TO_SAY,
        birthYear: member.birthYear === null ? "" : String(member.birthYear),
        role: member.role,
        consentGivenOn: member.consentGivenOn,
        consentMethod: member.consentMethod,
        consentWitness: member.consentWitness ?? "",
      },
    },
    ethnicGroups: await listEthnicGroups(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const groupId = requireUuid(params.groupId);
  const memberId = requireUuid(params.memberId);
  await findMemberForActor(user, groupId, memberId);
  const actor = { user, ip: context?.ip ?? "" };
  const formData = await readPostedForm(request);
  if (!(formData instanceof FormData)) return refused({ "": formData }, {});
  if (formData.get("intent") === "remove") {
    const form = await parseForm(formData, removeMemberSchema);
    if (!form.ok) return refused(form.errors, {});
    await removeMember(actor, groupId, memberId);
    return redirect(`/groups/${groupId}/members?done=removed`);
  }
  const form = await parseFormKeepingValues(formData, memberSchema);
  if (!form.ok) return refused(form.errors, form.values);
  const result = await updateMember(actor, groupId, memberId, form.data);
  if (!result.ok) return refused(result.errors, form.values);
  return redirect(`/groups/${groupId}/members?done=saved`);
}

export default function EditMember() {
  const t = useT();
  const { groupId, member, ethnicGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values && Object.keys(actionData.values).length > 0 ? actionData.values : member.values;
  return (
    <section>
      <p>
        <Link to={`/groups/${groupId}/members`}>← {t("groups.members.title")}</Link>
      </p>
      <h1>{t("groups.members.editTitle")}</h1>
      <MemberForm ethnicGroups={ethnicGroups} values={values} serverErrors={actionData?.errors} submitLabel="common.save" />
      <h2>{t("groups.members.removeTitle")}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="remove" />
        <p>{t("groups.members.removeHint", { name: member.name })}</p>
        <button type="submit" className="secondary">
          {t("groups.members.remove", { name: member.name })}
        </button>
      </Form>
    </section>
  );
}
