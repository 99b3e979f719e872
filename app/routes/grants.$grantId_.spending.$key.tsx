import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Notice } from "../components/ui/field";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { forbidden, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { SpendingForm } from "../modules/spending/components/spending-form";
import { SpendingTable } from "../modules/spending/components/spending-table";
import { handleSpendingPost, spendingDone } from "../modules/spending/post.server";
import { loadSpendingPage, requireSpendingReader } from "../modules/spending/reports.server";
import { spendingTone } from "../modules/spending/status-tone";

// A period's spending report: the group (its leader, or a facilitator on its behalf) fills it;
// admins read it here and review it on their own page.
const access = ["applicant", "facilitator", "admin"] as const;
export const handle: RouteHandle = { access };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? titleFor(matches, "spending.page.titleNamed", { reportVi: data.period.labelVi, reportEn: data.period.labelEn }) : titleFor(matches, "spending.page.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const page = await loadSpendingPage(user, params.grantId ?? "", params.key ?? "");
  const done = new URL(request.url).searchParams.get("done") as keyof typeof spendingDone | null;
  return { ...page, notice: done && done in spendingDone ? spendingDone[done] : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const { grant, period, relation, onBehalfOf } = await requireSpendingReader(user, params.grantId ?? "", params.key ?? "");
  // Staff read the group's report; only the group's people write it.
  if (relation !== "owner" && relation !== "facilitator") throw forbidden();
  return handleSpendingPost(request, { grantId: grant.id, key: period.key }, { user, onBehalfOf, ip: context?.ip ?? "" });
}

export default function SpendingReportPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { grant, period, report } = page;
  const errors = actionData?.errors as Record<string, string> | undefined;
  const label = t.locale === "en" ? period.labelEn : period.labelVi;
  const status = report?.status ?? null;
  const base = `/grants/${grant.id}/spending/${encodeURIComponent(period.key)}`;
  return (
    <section>
      <p>
        <Link to={`/grants/${grant.id}`}>{t("spending.page.back")}</Link>
      </p>
      <h1>{t("spending.page.heading", { report: label })}</h1>
      <p>
        <strong>{grant.groupName}</strong> · {grant.applicationTitle}
        <br />
        {period.isFinal ? t("spending.page.final") : t("spending.page.interim")}
        <br />
        <strong>{t("spending.status.label")}</strong>{" "}
        <StatusBadge tone={spendingTone(status)}>{t.dynamic(`spending.status.${status ?? "none"}`)}</StatusBadge>
      </p>
      {page.relation === "facilitator" ? <p className="hint">{t("spending.page.onBehalf")}</p> : null}
      {page.notice ? <Notice>{t(page.notice)}</Notice> : null}
      {status === "changes_requested" && report?.reviewMessage ? (
        <div className="alert alert-error" role="alert">
          <p>{t("spending.page.changesAsked")}</p>
          <p className="pre-wrap">{report.reviewMessage}</p>
        </div>
      ) : null}
      {status === "approved" && report?.reviewMessage ? (
        <p>
          {t("spending.page.staffNote")} {report.reviewMessage}
        </p>
      ) : null}
      {page.blocked && page.blocked !== "spending.errors.alreadyApproved" && page.blocked !== "spending.errors.underReview" ? <p>{t.dynamic(page.blocked)}</p> : null}
      <p>
        {t("spending.page.totals")} <Money amount={page.totals.thisReport} /> · {t("spending.page.toDate")} <Money amount={page.totals.toDate} /> ·{" "}
        {t("spending.page.budget")} <Money amount={page.totals.budget} />
      </p>
      {page.rows.length === 0 ? <p>{t("spending.page.noBudget")}</p> : null}
      {page.editable ? (
        <>
          <p>{t("spending.page.intro")}</p>
          <SpendingForm rows={page.rows} report={report} errors={errors} values={(actionData?.values as Record<string, string[]> | undefined) ?? null} />
          {page.rows.some((r) => r.line?.hasReceipt) ? (
            <>
              <h2>{t("spending.receipt.saved")}</h2>
              <Form method="post" id="spending-remove" />
              <SpendingTable rows={page.rows} receiptHref={(lineId) => `${base}/receipts/${lineId}`} remove />
            </>
          ) : null}
        </>
      ) : (
        <>
          {errors?.[""] ? <p role="alert">{t.dynamic(errors[""])}</p> : null}
          <SpendingTable rows={page.rows} receiptHref={(lineId) => `${base}/receipts/${lineId}`} />
          <p>
            {t("spending.page.ownCash")} <Money amount={page.totals.ownCash} /> · {t("spending.page.ownInKind")} <Money amount={page.totals.ownInKindValue} />
            {report?.ownInKind ? <> ({report.ownInKind})</> : null}
          </p>
        </>
      )}
    </section>
  );
}
