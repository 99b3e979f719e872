import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError, Notice } from "../components/ui/field";
import { parseForm } from "../forms/parse-form.server";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { groupHeader } from "../modules/groups/groups.server";
import { listMembers } from "../modules/groups/members.server";
import { titleFor } from "../i18n/title";
import { applyErasureIntent, restrictionsOf } from "../modules/privacy/erasure.server";
import { erasureSchema } from "../modules/privacy/privacy.schema";

// Admins only: erasing and restricting a group's personal data (issue 15, item 4).
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacy.admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["admin"]);
  const groupId = requireUuid(params.groupId);
  const group = await groupHeader(user, groupId, "read");
  const members = await listMembers(user, groupId);
  const { restricted, groupErased } = await restrictionsOf(groupId);
  return {
    group: { id: group.id, name: group.name },
    groupErased,
    done: new URL(request.url).searchParams.has("done"),
    members: members.map((m) => ({ id: m.id, name: m.name, restricted: restricted.has(m.id) })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["admin"]);
  const groupId = requireUuid(params.groupId);
  const form = await parseForm(request, erasureSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await applyErasureIntent({ user, ip: context?.ip ?? "" }, groupId, form.data);
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect(`/admin/groups/${groupId}/privacy?done=1`);
}

function Confirm() {
  const t = useT();
  return (
    <label>
      <input type="checkbox" name="confirm" value="yes" /> {t("privacy.admin.confirm")}
    </label>
  );
}

export default function GroupPrivacy() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <section>
      <p>
        <Link to={`/groups/${page.group.id}`}>← {page.group.name}</Link>
      </p>
      <h1>{t("privacy.admin.title")}</h1>
      {page.done ? <Notice>{t("privacy.admin.done")}</Notice> : null}
      <FormError error={errors?.[""] ?? errors?.confirm ?? errors?.act ?? errors?.memberId} />
      <p>{t("privacy.admin.intro")}</p>
      {page.members.map((m) => (
        <article key={m.id} className="card">
          <h2>{m.name}</h2>
          {m.restricted ? <p className="muted">{t("privacy.admin.restricted")}</p> : null}
          <p>
            <Link to={`/groups/${page.group.id}/members/${m.id}/correct`}>{t("privacy.correct.link", { name: m.name })}</Link>
          </p>
          <Form method="post" action={`/admin/groups/${page.group.id}/members/${m.id}/download.html`} reloadDocument>
            <button type="submit" className="secondary">
              {t("privacyRegister.member.download", { name: m.name })}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="memberId" value={m.id} />
            <input type="hidden" name="act" value={m.restricted ? "lift" : "restrict"} />
            <button type="submit" className="secondary">
              {t(m.restricted ? "privacy.admin.lift" : "privacy.admin.restrict", { name: m.name })}
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="memberId" value={m.id} />
            <input type="hidden" name="act" value="erase-member" />
            <Confirm />
            <button type="submit" className="secondary">
              {t("privacy.admin.eraseMember", { name: m.name })}
            </button>
          </Form>
        </article>
      ))}
      {page.groupErased ? (
        <p>{t("privacy.admin.erased")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="act" value="erase-group" />
          <Confirm />
          <button type="submit">{t("privacy.admin.eraseGroup")}</button>
        </Form>
      )}
    </section>
  );
}
