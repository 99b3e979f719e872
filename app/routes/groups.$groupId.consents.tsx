import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/ui/field";
import { readForm } from "../forms/parse-form.server";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { parseFormKeepingValues } from "../modules/groups/form-values.server";
import { ConsentForm } from "../modules/privacy/components/consent-form";
import { loadConsentPage, MAX_SCAN_BYTES, recordMemberConsent } from "../modules/privacy/consents.server";
import { consentSchema } from "../modules/privacy/privacy.schema";

// A facilitator (or the group's leader) records each member's answer, purpose by purpose, in the
// field: the script at the top is read aloud to the group first.
export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacy.consents.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const url = new URL(request.url);
  const page = await loadConsentPage(user, requireUuid(params.groupId));
  return { ...page, done: url.searchParams.has("done"), memberId: url.searchParams.get("member") ?? "" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const groupId = requireUuid(params.groupId);
  const posted = await readForm(request, MAX_SCAN_BYTES + 64 * 1024);
  if (!(posted instanceof FormData)) return data({ errors: { "": posted }, values: {} }, { status: 400 });
  // The scan is not one of the schema's fields: it is judged by the command, the rest by the schema.
  const file = posted.get("file");
  posted.delete("file");
  const form = await parseFormKeepingValues(posted, consentSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await recordMemberConsent({ user, ip: context?.ip ?? "" }, groupId, form.data, file instanceof File ? file : null);
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: result.status });
  return redirect(`/groups/${groupId}/consents?done=1&member=${form.data.memberId}`);
}

export default function Consents() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? { memberId: page.memberId };
  return (
    <section>
      <p>
        <Link to={`/groups/${page.group.id}`}>← {page.group.name}</Link>
      </p>
      <h1>{t("privacy.consents.title")}</h1>
      {page.done ? <Notice>{t("privacy.consents.done")}</Notice> : null}
      <p>{t("privacy.consents.intro")}</p>
      <aside className="card">
        <h2>{t("privacy.consents.scriptTitle")}</h2>
        <p>{t("privacy.consents.script")}</p>
      </aside>
      {page.members.length === 0 ? <p>{t("privacy.consents.empty")}</p> : null}
      {page.members.map((m) => (
        <article key={m.id} className="card">
          <h2>{m.name}</h2>
          <p>
            <Link to={`/groups/${page.group.id}/members/${m.id}/correct`}>{t("privacy.correct.link", { name: m.name })}</Link>
          </p>
          <ul>
            {m.consents.map((c) => (
              <li key={c.purpose}>
                {t(`privacy.purpose.${c.purpose}`)}:{" "}
                <strong>
                  {c.given === null
                    ? t("privacy.consents.state.none")
                    : t(c.given ? "privacy.consents.state.given" : "privacy.consents.state.withdrawn", { date: formatDate(c.saidOn!) })}
                </strong>
              </li>
            ))}
          </ul>
        </article>
      ))}
      {page.members.length > 0 ? (
        <>
          <h2>{t("privacy.consents.record")}</h2>
          <ConsentForm members={page.members} values={values} serverErrors={actionData?.errors} />
        </>
      ) : null}
    </section>
  );
}
