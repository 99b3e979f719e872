import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listReportsFor } from "../modules/outcomes/reports.server";
import { StatusBadge } from "../components/ui/status-badge";
import { reportTone } from "../modules/outcomes/status-tone";
import { titleFor } from "../i18n/title";

// The outcome reports of the groups the person acts for: what is due first.
export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "outcomes.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return { reports: await listReportsFor(user), now: new Date() };
}

export default function MyReports() {
  const t = useT();
  const { reports, now } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("outcomes.title")}</h1>
      <p>{t("outcomes.list.intro")}</p>
      {reports.length === 0 ? <p>{t("outcomes.list.empty")}</p> : null}
      {reports.map((r) => {
        const overdue = r.dueAt !== null && new Date(r.dueAt) < new Date(now) && ["pending", "draft", "changes_requested"].includes(r.status);
        return (
          <article key={r.id} className="card">
            <h2>
              <Link to={`/reports/${r.id}`}>{t.locale === "en" ? r.labelEn : r.labelVi}</Link>
            </h2>
            <p>
              {r.groupName} · {r.applicationTitle}
              <br />
              {r.dueAt ? t("outcomes.page.due", { date: formatDate(r.dueAt) }) : t("outcomes.page.noDueYet")}
              {overdue ? <strong> {t("outcomes.list.overdue")}</strong> : null}
              <br />
              <strong>{t("outcomes.status.label")}</strong> <StatusBadge tone={reportTone(r.status)}>{t.dynamic(`outcomes.status.${r.status}`)}</StatusBadge>
            </p>
          </article>
        );
      })}
    </section>
  );
}
