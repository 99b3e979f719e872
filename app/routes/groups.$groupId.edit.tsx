import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { GroupForm } from "../modules/groups/components/group-form";
import { parseFormKeepingValues, readPostedForm, refused, searched, takeProvinceSearch } from "../modules/groups/form-values.server";
import { groupSchema } from "../modules/groups/groups.schema";
import { findGroupForActor, groupHeader, listProvinces, updateGroup } from "../modules/groups/groups.server";
import { titleFor } from "../i18n/title";
import { formatPhone } from "../i18n/format";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const group = await findGroupForActor(user, requireUuid(params.groupId));
  const query = new URL(request.url).searchParams.get("findProvince")?.slice(0, 60) ?? "";
  return {
    provinces: await listProvinces(),
    query,
    group: {
      id: group.id,
      name: group.name,
      bankAccountMasked: group.bankAccountMasked,
      values: {
        province: group.provinceSlug,
        commune: group.commune,
        village: group.village,
        name: group.name,
        kind: group.kind,
        yearFormed: String(group.yearFormed),
        leaderName: group.leaderName,
        phone: formatPhone(group.phone),
        bankName: group.bankName ?? "",
        bankAccountHolder: group.bankAccountHolder ?? "",
      },
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const groupId = requireUuid(params.groupId);
  // Someone who cannot act for the group gets 404 before any message about the form.
  await groupHeader(user, groupId, "act");
  const posted = await readPostedForm(request);
  if (!(posted instanceof FormData)) return refused({ "": posted }, {});
  // The province search pressed without JavaScript: the same form back, its list found.
  const search = takeProvinceSearch(posted);
  if (search !== null) return searched(posted, groupSchema, search, ["bankAccount"]);
  const form = await parseFormKeepingValues(posted, groupSchema, ["bankAccount"]);
  if (!form.ok) return refused(form.errors, form.values);
  const result = await updateGroup({ user, ip: context?.ip ?? "" }, groupId, form.data);
  if (!result.ok) return refused(result.errors, form.values);
  return redirect(`/groups/${groupId}?done=saved`);
}

export default function EditGroup() {
  const t = useT();
  const { provinces, query, group } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const searchedFor = actionData && "query" in actionData ? actionData.query : undefined;
  return (
    <section>
      <p>
        <Link to={`/groups/${group.id}`}>← {group.name}</Link>
      </p>
      <h1>{t("groups.edit.title")}</h1>
      <GroupForm
        // A search posted without JavaScript answers with its own words: the form starts again from them.
        key={searchedFor ?? query}
        provinces={provinces}
        query={searchedFor ?? query}
        values={actionData?.values ?? group.values}
        serverErrors={actionData && "errors" in actionData ? actionData.errors : undefined}
        bankAccountMasked={group.bankAccountMasked}
        submitLabel="common.save"
      />
    </section>
  );
}
