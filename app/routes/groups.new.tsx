import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { GroupForm } from "../modules/groups/components/group-form";
import { parseFormKeepingValues, readPostedForm, refused, searched, takeProvinceSearch } from "../modules/groups/form-values.server";
import { groupSchema } from "../modules/groups/groups.schema";
import { findOwnedGroupId, listProvinces, registerGroup } from "../modules/groups/groups.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const asFacilitator = user.roles.includes("facilitator");
  // A leader has one group: she is shown the way to it rather than a second registration.
  const ownedGroupId = asFacilitator ? null : await findOwnedGroupId(user.id);
  const query = new URL(request.url).searchParams.get("findProvince")?.slice(0, 60) ?? "";
  return { provinces: await listProvinces(), query, asFacilitator, ownedGroupId };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const posted = await readPostedForm(request);
  if (!(posted instanceof FormData)) return refused({ "": posted }, {});
  // The province search pressed without JavaScript: the same form back, its list found.
  const search = takeProvinceSearch(posted);
  if (search !== null) return searched(posted, groupSchema, search, ["bankAccount"]);
  const form = await parseFormKeepingValues(posted, groupSchema, ["bankAccount"]);
  if (!form.ok) return refused(form.errors, form.values);
  const result = await registerGroup({ user, ip: context?.ip ?? "" }, form.data);
  if (!result.ok) return refused(result.errors, form.values);
  return redirect(`/groups/${result.id}?done=registered`);
}

export default function NewGroup() {
  const t = useT();
  const { provinces, query, asFacilitator, ownedGroupId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const searchedFor = actionData && "query" in actionData ? actionData.query : undefined;
  if (ownedGroupId) {
    return (
      <section>
        <h1>{t("groups.new.title")}</h1>
        <p>{t("groups.errors.alreadyRegistered")}</p>
        <p>
          <Link className="button" to={`/groups/${ownedGroupId}`}>
            {t("groups.new.goToGroup")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("groups.new.title")}</h1>
      <p>{asFacilitator ? t("groups.new.introFacilitator") : t("groups.new.intro")}</p>
      <GroupForm
        // A search posted without JavaScript answers with its own words: the form starts again from them.
        key={searchedFor ?? query}
        provinces={provinces}
        query={searchedFor ?? query}
        values={actionData?.values ?? {}}
        serverErrors={actionData && "errors" in actionData ? actionData.errors : undefined}
        submitLabel="groups.new.submit"
      />
    </section>
  );
}
