import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { formatDate, formatMoneyWithWords } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { ReportForm } from "../modules/outcomes/components/report-form";
import { ReportPhotos } from "../modules/outcomes/components/report-photos";
import { ReportSummary } from "../modules/outcomes/components/report-summary";
import { reportFormValues } from "../modules/outcomes/components/report-values";
import { doneNotices, handleReportPost } from "../modules/outcomes/report-post.server";
import { loadReportPage, requireActableReport } from "../modules/outcomes/reports.server";
import { StatusBadge } from "../components/ui/status-badge";
import { reportTone } from "../modules/outcomes/status-tone";
import { titleNamed } from "../i18n/title";

// The group (its leader, or a facilitator on its behalf) fills one outcome report.
export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleNamed(matches, data && { vi: data.report.labelVi, en: data.report.labelEn }, "outcomes.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const page = await loadReportPage(user, params.reportId ?? "");
  const done = new URL(request.url).searchParams.get("done") as keyof typeof doneNotices | null;
  return { ...page, notice: done && done in doneNotices ? doneNotices[done] : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const { report, onBehalfOf } = await requireActableReport(user, params.reportId ?? "");
  return handleReportPost(request, report, { user, onBehalfOf, ip: context?.ip ?? "" }, await getLocale(request, user.locale));
}

export default function ReportPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { report } = page;
  const errors = actionData?.errors;
  const label = t.locale === "en" ? report.labelEn : report.labelVi;
  const values = reportFormValues(report, page.members, page.incomes, t.locale, actionData?.values ?? null);
  return (
    <section>
      <p>
        <Link to="/reports">{t("outcomes.page.back")}</Link>
      </p>
      <h1>{label}</h1>
      <p>
        <strong>{report.groupName}</strong> · {report.applicationTitle}
        <br />
        {report.dueAt ? t("outcomes.page.due", { date: formatDate(report.dueAt) }) : t("outcomes.page.noDueYet")}
        <br />
        <strong>{t("outcomes.status.label")}</strong> <StatusBadge tone={reportTone(report.status)}>{t.dynamic(`outcomes.status.${report.status}`)}</StatusBadge>
      </p>
      {page.relation === "facilitator" ? <p className="hint">{t("outcomes.page.onBehalf")}</p> : null}
      {page.notice ? <Notice>{t(page.notice)}</Notice> : null}
      {report.status === "changes_requested" && report.reviewMessage ? (
        <div className="alert alert-error" role="alert">
          <p>{t("outcomes.page.changesAsked")}</p>
          <p className="pre-wrap">{report.reviewMessage}</p>
        </div>
      ) : null}
      {report.status === "approved" && report.reviewMessage ? (
        <p>
          {t("outcomes.page.staffNote")} {report.reviewMessage}
        </p>
      ) : null}
      {page.earlier.length > 0 ? (
        <ul>
          {page.earlier.map((e) => (
            <li key={e.key}>
              {t("outcomes.page.earlier", {
                report: t.locale === "en" ? e.labelEn : e.labelVi,
                amount: e.avgMonthlyIncome === null ? "—" : formatMoneyWithWords(e.avgMonthlyIncome, t.locale),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {page.editable ? (
        <>
          <p>{t("outcomes.page.intro")}</p>
          <FormError error={errors?.[""]} />
          <ReportForm key={JSON.stringify(values)} values={values} members={page.members} maxIncome={page.maxIncome} />
        </>
      ) : (
        <>
          {page.blocked && page.blocked !== "outcomes.errors.alreadyApproved" && page.blocked !== "outcomes.errors.underReview" ? <p>{t.dynamic(page.blocked)}</p> : null}
          <FormError error={errors?.[""]} />
          <ReportSummary report={report} />
        </>
      )}
      <ReportPhotos reportId={report.id} photos={page.photos} editable={page.editable} error={errors ? (errors as Record<string, string>).file : undefined} />
    </section>
  );
}
