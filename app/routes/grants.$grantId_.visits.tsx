import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { parseForm, readForm, typedValues } from "../forms/parse-form.server";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { RecordVisitForm, VisitList } from "../modules/visits/components/visit-views";
import { addFollowUpSchema, followUpDoneSchema, MAX_VISIT_PHOTOS, recordVisitSchema } from "../modules/visits/visits.schema";
import { addFollowUp, followUpOwners, listVisits, markFollowUpDone, recordVisit, requireVisitReader } from "../modules/visits/visits.server";
import { MAX_UPLOAD_BYTES } from "../infra/uploads.server";

// A grant's site visits (issue 14, item 7): staff and the group's facilitators record what they
// found, with photos and follow-ups; the group's own people do not read this page.
const access = ["admin", "finance", "facilitator"] as const;
export const handle: RouteHandle = { access };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "visits.pageTitle");

const dones = ["recorded", "followUp", "followUpDone"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const { grant, reader } = await requireVisitReader(user, params.grantId ?? "");
  const done = new URL(request.url).searchParams.get("done");
  return {
    grant: { id: grant.id, groupName: grant.group.name },
    back: reader === "facilitator" ? `/grants/${grant.id}` : reader === "finance" ? `/finance/grants/${grant.id}` : `/grants/${grant.id}`,
    visits: await listVisits(grant.id),
    owners: await followUpOwners(grant.group.id),
    me: user.id,
    isAdmin: user.roles.includes("admin"),
    done: (dones as readonly string[]).includes(done ?? "") ? (done as (typeof dones)[number]) : null,
  };
}

// Up to three photos plus the form's few fields.
const UPLOAD_LIMIT = MAX_VISIT_PHOTOS * MAX_UPLOAD_BYTES + 64 * 1024;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const { grant, reader } = await requireVisitReader(user, params.grantId ?? "");
  const target = { id: grant.id, groupId: grant.group.id, groupName: grant.group.name };
  const body = await readForm(request, UPLOAD_LIMIT);
  if (!(body instanceof FormData)) return data({ form: "record", errors: { "": body === "errors.formTooLarge" ? "errors.fileTooLarge" : body }, values: {} }, { status: 400 });
  const actor = { user, ip: context?.ip ?? "", onBehalfOf: reader === "facilitator" ? `group:${grant.group.id}` : null };
  const back = (what: (typeof dones)[number]) => redirect(`/grants/${grant.id}/visits?done=${what}`);
  const intent = body.get("intent");
  if (intent === "record") {
    const photos = body.getAll("photo").filter((p): p is File => p instanceof File);
    body.delete("photo");
    const form = await parseForm(body, recordVisitSchema);
    if (!form.ok) return data({ form: "record", errors: form.errors, values: form.values }, { status: 400 });
    const result = await recordVisit(actor, target, form.data, photos);
    if (!result.ok) return data({ form: "record", errors: result.errors, values: typedValues(body) }, { status: result.status });
    return back("recorded");
  }
  if (intent === "follow-up") {
    const form = await parseForm(body, addFollowUpSchema);
    const visitId = String(body.get("visitId") ?? "");
    if (!form.ok) return data({ form: `follow-up:${visitId}`, errors: form.errors, values: form.values }, { status: 400 });
    const result = await addFollowUp(actor, target, form.data);
    if (!result.ok) return data({ form: `follow-up:${visitId}`, errors: result.errors, values: typedValues(body) }, { status: result.status });
    return back("followUp");
  }
  if (intent === "done") {
    const form = await parseForm(body, followUpDoneSchema);
    if (!form.ok) return data({ form: "done", errors: { "": "visits.errors.notFound" }, values: {} }, { status: 400 });
    const result = await markFollowUpDone(actor, grant.id, form.data.followUpId);
    return result.ok ? back("followUpDone") : data({ form: "done", errors: result.errors, values: {} }, { status: result.status });
  }
  return data({ form: "record", errors: { "": "errors.invalid" }, values: {} }, { status: 400 });
}

export default function GrantVisits() {
  const t = useT();
  const { grant, back, visits, owners, me, isAdmin, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const followUpRefusal = answer?.form.startsWith("follow-up:") ? { visitId: answer.form.slice("follow-up:".length), errors: answer.errors, values: answer.values } : undefined;
  return (
    <section className="stack">
      <p>
        <Link to={back}>{t("visits.back")}</Link>
      </p>
      <h1>{t("visits.title", { group: grant.groupName })}</h1>
      {done ? <Notice>{t(`visits.done.${done}`)}</Notice> : null}
      <FormError error={answer?.form === "done" || answer?.form === "record" ? answer.errors[""] : undefined} />
      <p>{t("visits.intro")}</p>
      <VisitList grantId={grant.id} visits={visits} owners={owners} me={me} isAdmin={isAdmin} refusedFor={followUpRefusal} />
      <RecordVisitForm owners={owners} errors={answer?.form === "record" ? answer.errors : undefined} values={answer?.form === "record" ? answer.values : undefined} />
    </section>
  );
}
