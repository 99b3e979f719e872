import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { SelectField } from "../components/ui/select-field";
import { facilitatorsOf, linkFacilitator, unlinkFacilitator } from "../modules/groups/facilitators.server";
import { facilitatorLinkSchema } from "../modules/groups/groups.schema";
import { titleFor } from "../i18n/title";
import { formatPhone } from "../i18n/format";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.facilitators.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return facilitatorsOf(requireUuid(params.groupId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const groupId = requireUuid(params.groupId);
  await facilitatorsOf(groupId);
  const formData = await readForm(request, 16 * 1024);
  if (!(formData instanceof FormData)) return badRequest({ "": formData });
  const intent = formData.get("intent");
  const form = await parseForm(formData, facilitatorLinkSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const actor = { user: admin, ip: context?.ip ?? "" };
  if (intent === "unlink") {
    await unlinkFacilitator(actor, groupId, form.data.userId);
    return { notice: "groups.facilitators.unlinked" as const };
  }
  const result = await linkFacilitator(actor, groupId, form.data.userId);
  if (!result.ok) return badRequest(result.errors);
  return { notice: "groups.facilitators.linked" as const };
}

export default function GroupFacilitators() {
  const t = useT();
  const { group, linked, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const contact = (f: { email: string | null; phone: string | null }) => [f.email, formatPhone(f.phone)].filter(Boolean).join(" · ");
  return (
    <section>
      <p>
        <Link to={`/groups/${group.id}`}>← {group.name}</Link>
      </p>
      <h1>{t("groups.facilitators.title")}</h1>
      <p>{t("groups.facilitators.intro")}</p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      <FormError error={errors?.[""]} />
      {linked.length === 0 ? <p>{t("groups.detail.noFacilitators")}</p> : null}
      {linked.map((f) => (
        <div key={f.id} className="card">
          <p>
            <strong>{f.name}</strong> <span className="muted">{contact(f)}</span>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="unlink" />
            <input type="hidden" name="userId" value={f.id} />
            <button type="submit" className="secondary">
              {t("groups.facilitators.unlink")}
            </button>
          </Form>
        </div>
      ))}
      <h2>{t("groups.facilitators.linkTitle")}</h2>
      {candidates.length === 0 ? (
        <p>{t("groups.facilitators.noCandidates")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="link" />
          <SelectField name="userId" label={t("groups.facilitators.choose")} error={errors?.userId} defaultValue="">
            <option value="">{t("groups.field.choose")}</option>
            {candidates.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({contact(f)})
              </option>
            ))}
          </SelectField>
          <div>
            <button type="submit">{t("groups.facilitators.link")}</button>
          </div>
        </Form>
      )}
    </section>
  );
}
