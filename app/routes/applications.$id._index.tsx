import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/ui/field";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { Summary } from "../modules/applications/components/summary";
import { Timeline } from "../modules/applications/components/timeline";
import { loadOverview } from "../modules/applications/overview.server";
import { lifeNextSteps } from "../modules/decisions/next-steps.server";
import { StatusBadge } from "../components/ui/status-badge";
import { applicationTone } from "../modules/applications/status-tone";

// The group's people and admins read an application here (admins read every one, drafts too,
// but edit none); reviewers and finance never reach it.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = () => [{ title: "Gieo" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const locale = await getLocale(request, user.locale);
  const page = await loadOverview(user, params.id ?? "", locale, new URL(request.url));
  // Once decided, the next step is the decision's or the grant's (accept, report…), not "wait".
  const [{ next }] = await lifeNextSteps([{ id: page.application.id, status: page.application.status, next: page.next }], locale);
  return { ...page, next };
}

export default function ApplicationOverview() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const { application } = page;
  return (
    <section>
      <p className="muted">
        <Link to="/applications">{t("applications.title")}</Link>
      </p>
      <h1>{application.title || t("applications.untitled")}</h1>
      {page.done === "submitted" ? <Notice>{t("applications.done.submitted")}</Notice> : null}
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
    </section>
  );
}
