import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { groupHeader } from "../modules/groups/groups.server";
import { titleFor } from "../i18n/title";

// The group's own data in one file (issue 15, item 2). Producing it is logged, so it is a POST
// (no GET changes anything), to the resource route beside this page; the form reloads the
// document, so the browser saves the file itself.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacy.export.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const group = await groupHeader(user, requireUuid(params.groupId), "read");
  return { group: { id: group.id, name: group.name } };
}

export default function GroupDownload() {
  const t = useT();
  const { group } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/groups/${group.id}`}>← {group.name}</Link>
      </p>
      <h1>{t("privacy.export.title")}</h1>
      <p>{t("privacy.export.intro")}</p>
      <Form method="post" action={`/groups/${group.id}/download.html`} reloadDocument>
        <button type="submit">{t("privacy.export.download")}</button>
      </Form>
    </section>
  );
}
