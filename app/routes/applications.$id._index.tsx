import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm, readForm } from "../forms/parse-form.server";
import { FormError, Notice } from "../components/ui/field";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { Summary } from "../modules/applications/components/summary";
import { Timeline } from "../modules/applications/components/timeline";
import { withdrawSchema } from "../modules/applications/applications.schema";
import { WithdrawForm } from "../modules/applications/components/withdraw-form";
import { loadOverview } from "../modules/applications/overview.server";
import { withdrawApplication } from "../modules/applications/withdrawal.server";
import { requireActableApplication } from "../modules/applications/applications.server";
import { lifeNextSteps } from "../modules/decisions/next-steps.server";
import { StatusBadge } from "../components/ui/status-badge";
import { applicationTone } from "../modules/applications/status-tone";
import { titleNamed } from "../i18n/title";

// The group's people and admins read an application here (admins read every one, drafts too,
// but edit none); reviewers and finance never reach it.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleNamed(matches, data?.application.title ? { vi: data.application.title, en: data.application.title } : undefined, "applications.untitled");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const locale = await getLocale(request, user.locale);
  const page = await loadOverview(user, params.id ?? "", locale, new URL(request.url));
  // Once decided, the next step is the decision's or the grant's (accept, report…), not "wait".
  const [{ next }] = await lifeNextSteps([{ id: page.application.id, status: page.application.status, next: page.next }], locale);
  return { ...page, next };
}

/** The group withdraws its application (the only form on this page). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const form = await readForm(request, 16 * 1024);
  if (!(form instanceof FormData)) return data({ errors: { "": form } }, { status: 400 });
  if (form.get("intent") !== "withdraw") return data({ errors: { "": "errors.invalid" } }, { status: 400 });
  form.delete("intent");
  const parsed = await parseForm(form, withdrawSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  // Only the group's people act on it (an admin reads it): anyone else gets 404.
  const { application, onBehalfOf } = await requireActableApplication(user, params.id ?? "");
  const result = await withdrawApplication({ user, onBehalfOf, ip: context?.ip ?? "" }, application.id, parsed.data.reason);
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect(`/applications/${application.id}?done=withdrawn`);
}

export default function ApplicationOverview() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { application } = page;
  return (
    <section>
      <p className="muted">
        <Link to="/applications">{t("applications.title")}</Link>
      </p>
      <h1>{application.title || t("applications.untitled")}</h1>
      {page.done === "submitted" ? <Notice>{t("applications.done.submitted")}</Notice> : null}
      {page.done === "withdrawn" ? <Notice>{t("applications.withdraw.done")}</Notice> : null}
      {/* A refusal of the whole form (too late to withdraw) shows here: the form is gone by then. */}
      {!page.canWithdraw ? <FormError error={actionData?.errors[""]} /> : null}
      <p>
        {t("applications.wizard.for", { group: page.group.name, round: page.round.title })}
        <br />
        <strong>{t("applications.status.label")}</strong> <StatusBadge tone={applicationTone(application.status)}>{t.dynamic(`applications.status.${application.status}`)}</StatusBadge>
      </p>
      {["approved", "waitlisted", "rejected"].includes(application.status) ? (
        <p>
          <Link to={`/decisions/${application.id}`}>{t("applications.decisionLink")}</Link>
        </p>
      ) : null}
      {page.next ? (
        <div className="card">
          <h2>{t("applications.next.title")}</h2>
          <p>{page.next.link ? <Link to={page.next.link}>{t.dynamic(page.next.what, page.next.params)}</Link> : t.dynamic(page.next.what, page.next.params)}</p>
        </div>
      ) : null}
      {application.status === "ineligible" && application.screeningNote ? (
        <div className="alert">
          <p>{t("applications.ineligibleReason")}</p>
          <p>{application.screeningNote}</p>
        </div>
      ) : null}
      {page.clarification ? (
        <div className="alert">
          <p>{t("applications.clarification.intro")}</p>
          <p>“{page.clarification.question}”</p>
        </div>
      ) : null}
      <h2>{t("applications.timeline.title")}</h2>
      <Timeline entries={page.timeline} />
      <Summary data={{ applicationId: application.id, values: page.values, lines: page.lines, amounts: page.amounts, attachments: page.attachments }} editable={page.canEdit} />
      {page.canWithdraw ? <WithdrawForm errors={actionData?.errors} /> : null}
    </section>
  );
}
