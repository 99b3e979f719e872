import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { MemberForm } from "../modules/groups/components/member-form";
import { parseFormKeepingValues, refused } from "../modules/groups/form-values.server";
import { memberSchema } from "../modules/groups/groups.schema";
import { groupHeader } from "../modules/groups/groups.server";
import { addMember, listEthnicGroups } from "../modules/groups/members.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.members.addTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const group = await groupHeader(user, requireUuid(params.groupId), "act");
  return { group: { id: group.id, name: group.name }, ethnicGroups: await listEthnicGroups() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const groupId = requireUuid(params.groupId);
  await groupHeader(user, groupId, "act");
  const form = await parseFormKeepingValues(request, memberSchema);
  if (!form.ok) return refused(form.errors, form.values);
  const result = await addMember({ user, ip: context?.ip ?? "" }, groupId, form.data);
  if (!result.ok) return refused(result.errors, form.values);
  return redirect(`/groups/${groupId}/members?done=added`);
}

export default function NewMember() {
  const t = useT();
  const { group, ethnicGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/groups/${group.id}/members`}>← {t("groups.members.title")}</Link>
      </p>
      <h1>{t("groups.members.addTitle")}</h1>
      <p>{t("groups.members.addIntro", { group: group.name })}</p>
      <MemberForm ethnicGroups={ethnicGroups} values={actionData?.values ?? {}} serverErrors={actionData?.errors} submitLabel="groups.members.addSubmit" />
    </section>
  );
}
