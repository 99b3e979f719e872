import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { listMyAssignments } from "../modules/reviews/reviewer.server";
import { StatusBadge } from "../components/ui/status-badge";
import { reviewTone } from "../modules/reviews/status-tone";

export const handle: RouteHandle = { access: ["reviewer"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "reviews.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["reviewer"]);
  return { assignments: await listMyAssignments(user.id), now: new Date() };
}

export default function MyReviews() {
  const t = useT();
  const { assignments, now } = useLoaderData<typeof loader>();
  const open = assignments.filter((a) => (a.status === "assigned" || a.status === "in_progress") && a.applicationStatus === "eligible");
  return (
    <section>
      <h1>{t("reviews.title")}</h1>
      <p>{open.length > 0 ? t("reviews.list.left", { count: open.length }) : t("reviews.list.nothingLeft")}</p>
      {assignments.length === 0 ? <p>{t("reviews.list.empty")}</p> : null}
      {assignments.map((a) => {
        const declared = a.status === "in_progress" || a.status === "submitted";
        const closed = a.applicationStatus !== "eligible";
        const overdue = !closed && a.dueAt !== null && a.dueAt < now && (a.status === "assigned" || a.status === "in_progress");
        let left: string;
        if (a.status === "assigned") left = t("reviews.left.declare");
        else if (a.status === "conflict") left = t("reviews.left.recused");
        else if (a.status === "submitted") left = t("reviews.left.done", { date: a.submittedAt ? formatDate(a.submittedAt) : "" });
        else if (a.scored < a.criteria) left = t("reviews.left.scoring", { scored: a.scored, total: a.criteria });
        else if (!a.hasRecommendation || !a.hasOverallComment) left = t("reviews.left.recommendation");
        else left = t("reviews.left.submit");
        return (
          <article key={a.id} className="card">
            <h2>
              <Link to={`/reviews/${a.id}`}>{declared ? a.applicationTitle || a.groupName : a.groupName}</Link>
            </h2>
            <p className="muted">{t.locale === "en" ? a.roundTitleEn : a.roundTitleVi}</p>
            <p>
              <StatusBadge tone={reviewTone(a.status)}>{t(`reviews.status.${a.status}`)}</StatusBadge> — {closed && a.status !== "submitted" ? t("reviews.left.closed") : left}
            </p>
            {a.dueAt && !closed ? (
              <p>
                {t("reviews.due", { date: formatDate(a.dueAt) })} {overdue ? <strong className="field-error">{t("reviews.overdue")}</strong> : null}
              </p>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
