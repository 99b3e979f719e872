import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable } from "../components/ui/data-table";
import { FormError, Notice } from "../components/ui/field";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { TextAreaField } from "../components/ui/text-area-field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate, formatDateTime, formatMoneyWithWords } from "../i18n/format";
import { ChoiceGroup } from "../components/ui/choice-group";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { ReportSummary } from "../modules/outcomes/components/report-summary";
import { reviewSchema } from "../modules/outcomes/outcomes.schema";
import { reportTone } from "../modules/outcomes/status-tone";
import { loadReportReviewPage, reviewReport } from "../modules/outcomes/report-review.server";
import { titleNamed } from "../i18n/title";

// Staff review one outcome report: approve it, or ask the group for changes with a message.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleNamed(matches, data && { vi: `${data.report.labelVi} — ${data.report.groupName}`, en: `${data.report.labelEn} — ${data.report.groupName}` }, "outcomes.admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "review:reports");
  const page = await loadReportReviewPage(admin, params.reportId ?? "");
  notFoundUnless(page);
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "review:reports");
  const form = await parseForm(request, reviewSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const result = await reviewReport(params.reportId ?? "", form.data, { user: admin, ip: context?.ip ?? "" });
  if (!result.ok) return data({ errors: result.errors, values: undefined, notice: undefined }, { status: result.status });
  return { notice: result.notice, errors: undefined, values: undefined };
}

export default function ReviewReportPage() {
  const t = useT();
  const { report, memberIncomes, photos, earlier, reviewable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(reviewSchema);
  const posted = actionData && "values" in actionData ? actionData.values : undefined;
  const label = t.locale === "en" ? report.labelEn : report.labelVi;
  return (
    <section>
      <p>
        <Link to="/admin/reports">{t("outcomes.admin.back")}</Link>
      </p>
      <h1>
        {label} — {report.groupName}
      </h1>
      <p>
        {report.applicationTitle} · {t.locale === "en" ? report.roundTitleEn : report.roundTitleVi}
        <br />
        {report.dueAt ? t("outcomes.page.due", { date: formatDate(report.dueAt) }) : t("outcomes.page.noDueYet")}
        <br />
        <strong>{t("outcomes.status.label")}</strong>{" "}
        <StatusBadge tone={reportTone(report.status)}>{t.dynamic(`outcomes.status.${report.status}`)}</StatusBadge>
        {report.submittedAt ? <> · {t("outcomes.admin.submittedOn", { date: formatDateTime(report.submittedAt) })}</> : null}
      </p>
      {actionData && "notice" in actionData && actionData.notice ? <Notice>{t.dynamic(actionData.notice)}</Notice> : null}
      {report.reviewMessage ? (
        <p>
          {t("outcomes.admin.lastMessage")} <span className="pre-wrap">{report.reviewMessage}</span>
        </p>
      ) : null}
      {earlier.length > 0 ? (
        <ul>
          {earlier.map((e) => (
            <li key={e.key}>
              {t("outcomes.page.earlier", {
                report: t.locale === "en" ? e.labelEn : e.labelVi,
                amount: e.avgMonthlyIncome === null ? "—" : formatMoneyWithWords(e.avgMonthlyIncome, t.locale),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <ReportSummary report={report} />
      {memberIncomes.length > 0 ? (
        <DataTable
          rows={memberIncomes}
          rowKey={(m) => m.id}
          caption={t("outcomes.members.heading")}
          columns={[
            { header: t("outcomes.members.colName"), cell: (m) => m.name },
            { header: t("outcomes.members.colIncome"), numeric: true, cell: (m) => <Money amount={m.income} /> },
          ]}
        />
      ) : null}
      <h2>{t("outcomes.photos.heading")}</h2>
      {photos.length === 0 ? <p>{t("outcomes.photos.none")}</p> : null}
      <ul>
        {photos.map((p) => (
          <li key={p.id}>
            <a href={`/reports/${report.id}/photos/${p.id}`}>{p.originalName}</a>
          </li>
        ))}
      </ul>
      {reviewable ? (
        <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
          <h2>{t("outcomes.review.heading")}</h2>
          <FormError error={form.formError} />
          <ChoiceGroup
            id="field-decision"
            legend={t("outcomes.review.decision")}
            type="radio"
            choices={[
              { value: "approve", label: t("outcomes.review.approve") },
              { value: "changes", label: t("outcomes.review.changes") },
            ]}
            input={form.register("decision")}
            checked={(value) => posted?.decision === value}
            error={form.errorFor("decision")}
          />
          <TextAreaField
            label={t("outcomes.review.message")}
            hint={t("outcomes.review.messageHint")}
            defaultValue={typeof posted?.message === "string" ? posted.message : ""}
            error={form.errorFor("message")}
            {...form.register("message")}
          />
          <div>
            <button type="submit">{t("outcomes.review.submit")}</button>
          </div>
        </Form>
      ) : (
        <>
          <FormError error={actionData && "errors" in actionData ? actionData.errors?.[""] : undefined} />
          <p>{t("outcomes.review.notWaiting")}</p>
        </>
      )}
    </section>
  );
}
