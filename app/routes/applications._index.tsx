import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { Timeline } from "../modules/applications/components/timeline";
import { loadMyApplications } from "../modules/applications/overview.server";
import { lifeNextSteps } from "../modules/decisions/next-steps.server";
import { StatusBadge } from "../components/ui/status-badge";
import { applicationTone } from "../modules/applications/status-tone";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "applications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const locale = await getLocale(request, user.locale);
  return { applications: await lifeNextSteps(await loadMyApplications(user, locale), locale) };
}

export default function MyApplications() {
  const t = useT();
  const { applications } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("applications.title")}</h1>
      <p>
        <Link to="/rounds">{t("applications.list.findRound")}</Link>
      </p>
      {applications.length === 0 ? <p>{t("applications.list.empty")}</p> : null}
      {applications.map((a) => (
        <article key={a.id} className="card">
          <h2>
            <Link to={`/applications/${a.id}`}>{a.title || t("applications.untitled")}</Link>
          </h2>
          <p>
            {t("applications.wizard.for", { group: a.groupName, round: a.roundTitle })}
            <br />
            <strong>{t("applications.status.label")}</strong> <StatusBadge tone={applicationTone(a.status)}>{t.dynamic(`applications.status.${a.status}`)}</StatusBadge>
            <br />
            {t("applications.list.requested", { amount: a.requested })}
          </p>
          <p>
            <strong>{t("applications.next.title")}:</strong>{" "}
            {a.next.link ? <Link to={a.next.link}>{t.dynamic(a.next.what, a.next.params)}</Link> : t.dynamic(a.next.what, a.next.params)}
          </p>
          {a.status === "ineligible" && a.screeningNote ? <p>{t("applications.ineligibleReason")} {a.screeningNote}</p> : null}
          <Timeline entries={a.timeline} />
        </article>
      ))}
    </section>
  );
}
