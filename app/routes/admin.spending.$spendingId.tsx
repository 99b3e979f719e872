import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { ChoiceGroup } from "../components/ui/choice-group";
import { FormError, Notice } from "../components/ui/field";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { TextAreaField } from "../components/ui/text-area-field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { reviewSchema } from "../modules/outcomes/outcomes.schema";
import { reviewSpendingReport } from "../modules/spending/commands.server";
import { SpendingTable } from "../modules/spending/components/spending-table";
import { loadSpendingReview } from "../modules/spending/reports.server";
import { spendingTone } from "../modules/spending/status-tone";

// Staff review one spending report, like an outcome report: lines more than 20 % over (or, at the
// final report, under) their budget line are flagged; approve, or return it with a message.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? titleFor(matches, "spending.review.titleNamed", { reportVi: data.period.labelVi, reportEn: data.period.labelEn, group: data.grant.groupName }) : titleFor(matches, "spending.admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "review:reports");
  const page = await loadSpendingReview(admin, params.spendingId ?? "");
  notFoundUnless(page);
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "review:reports");
  const form = await parseForm(request, reviewSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const result = await reviewSpendingReport(params.spendingId ?? "", form.data, { user: admin, ip: context?.ip ?? "" });
  if (!result.ok) return data({ errors: result.errors, values: undefined, notice: undefined }, { status: result.status });
  return { notice: result.notice, errors: undefined, values: undefined };
}

export default function ReviewSpendingPage() {
  const t = useT();
  const { grant, period, report, rows, totals, reviewable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(reviewSchema);
  const posted = actionData && "values" in actionData ? actionData.values : undefined;
  const label = t.locale === "en" ? period.labelEn : period.labelVi;
  const flagged = rows.filter((r) => r.flag !== null).length;
  const base = `/grants/${grant.id}/spending/${encodeURIComponent(period.key)}`;
  return (
    <section>
      <p>
        <Link to="/admin/spending">{t("spending.admin.back")}</Link> · <Link to={`/grants/${grant.id}`}>{t("spending.admin.grant")}</Link>
      </p>
      <h1>
        {t("spending.page.heading", { report: label })} — {grant.groupName}
      </h1>
      <p>
        {grant.applicationTitle} · {t.locale === "en" ? grant.roundTitleEn : grant.roundTitleVi}
        <br />
        {period.isFinal ? t("spending.page.final") : t("spending.page.interim")}
        <br />
        <strong>{t("spending.status.label")}</strong> <StatusBadge tone={spendingTone(report.status)}>{t.dynamic(`spending.status.${report.status}`)}</StatusBadge>
        {report.submittedAt ? <> · {t("spending.admin.submittedOn", { date: formatDateTime(report.submittedAt) })}</> : null}
      </p>
      {actionData && "notice" in actionData && actionData.notice ? <Notice>{t.dynamic(actionData.notice)}</Notice> : null}
      {report.reviewMessage ? (
        <p>
          {t("spending.admin.lastMessage")} <span className="pre-wrap">{report.reviewMessage}</span>
        </p>
      ) : null}
      <p>{flagged > 0 ? <strong>{t("spending.review.flagged", { count: flagged })}</strong> : t("spending.review.noFlags")}</p>
      <SpendingTable rows={rows} receiptHref={(lineId) => `${base}/receipts/${lineId}`} showFlags />
      <p>
        {t("spending.page.totals")} <Money amount={totals.thisReport} /> · {t("spending.page.toDate")} <Money amount={totals.toDate} /> · {t("spending.page.budget")}{" "}
        <Money amount={totals.budget} /> · {t("spending.review.award")} <Money amount={grant.awardedAmount} />
      </p>
      <p>
        {t("spending.page.ownCash")} <Money amount={totals.ownCash} /> · {t("spending.page.ownInKind")} <Money amount={totals.ownInKindValue} />
        {report.ownInKind ? <> ({report.ownInKind})</> : null}
      </p>
      {reviewable ? (
        <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
          <h2>{t("spending.review.heading")}</h2>
          <FormError error={form.formError} />
          <ChoiceGroup
            id="field-decision"
            legend={t("spending.review.decision")}
            type="radio"
            choices={[
              { value: "approve", label: t("spending.review.approve") },
              { value: "changes", label: t("spending.review.changes") },
            ]}
            input={form.register("decision")}
            checked={(value) => posted?.decision === value}
            error={form.errorFor("decision")}
          />
          <TextAreaField
            label={t("spending.review.message")}
            hint={t("spending.review.messageHint")}
            defaultValue={typeof posted?.message === "string" ? posted.message : ""}
            error={form.errorFor("message")}
            {...form.register("message")}
          />
          <div>
            <button type="submit">{t("spending.review.submit")}</button>
          </div>
        </Form>
      ) : (
        <>
          <FormError error={actionData && "errors" in actionData ? actionData.errors?.[""] : undefined} />
          <p>{t("spending.review.notWaiting")}</p>
        </>
      )}
    </section>
  );
}
