import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageNumber } from "../forms/query";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { disbursementsPage, dueTranchesPage, OVERVIEW_SIZE, QUEUE_PAGE_SIZE, queueSections, type QueueSection } from "../modules/disbursements/queue.server";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { ApprovalQueue, DueQueue, PaymentQueue, ProblemsQueue } from "../modules/disbursements/components/queue-sections";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["finance", "admin"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "finance.queue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["finance", "admin"]);
  const url = new URL(request.url);
  const asked = url.searchParams.get("section");
  // One section, paginated, when asked; otherwise the first page of each.
  const only = (queueSections as readonly string[]).includes(asked ?? "") ? (asked as QueueSection) : null;
  const page = only ? pageNumber(url) : 1;
  const want = (s: QueueSection) => only === null || only === s;
  const size = only ? QUEUE_PAGE_SIZE : OVERVIEW_SIZE;
  const empty = { rows: [], hasNext: false };
  const [due, approval, payment, problems] = await Promise.all([
    want("due") ? dueTranchesPage(page, size) : empty,
    want("approval") ? disbursementsPage("approval", page, size) : empty,
    want("payment") ? disbursementsPage("payment", page, size) : empty,
    want("problems") ? disbursementsPage("problems", page, size) : empty,
  ]);
  return {
    only,
    page,
    me: user.id,
    canApprove: hasPermission(user.roles, "approve:disbursement"),
    canReconcile: stripeConfigured() && hasPermission(user.roles, "pay:disbursement"),
    due,
    approval,
    payment,
    problems,
  };
}

export default function FinanceQueue() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const show = (s: QueueSection) => data.only === null || data.only === s;
  const alonePage = (s: QueueSection) => (data.only === s ? data.page : null);
  return (
    <section>
      <h1>{t("finance.queue.title")}</h1>
      <p>
        <Link to="/finance/rounds">{t("finance.totals.title")}</Link> · <Link to="/finance/statements">{t("statements.link")}</Link> ·{" "}
        <a href="/finance/disbursements.csv" download>
          {t("finance.csv.all")}
        </a>
        {data.only ? (
          <>
            {" · "}
            <Link to="/finance">{t("finance.queue.all")}</Link>
          </>
        ) : null}
      </p>
      {data.canReconcile ? (
        <form method="post" action="/finance/reconcile" className="inline-form">
          <button type="submit" className="secondary">
            {t("finance.queue.reconcile")}
          </button>
          <span className="hint">{t("finance.queue.reconcileHint")}</span>
        </form>
      ) : null}

      {show("due") ? <DueQueue rows={data.due.rows} hasNext={data.due.hasNext} alonePage={alonePage("due")} /> : null}
      {show("approval") ? (
        <ApprovalQueue rows={data.approval.rows} hasNext={data.approval.hasNext} alonePage={alonePage("approval")} me={data.me} canApprove={data.canApprove} />
      ) : null}
      {show("payment") ? <PaymentQueue rows={data.payment.rows} hasNext={data.payment.hasNext} alonePage={alonePage("payment")} /> : null}
      {show("problems") ? <ProblemsQueue rows={data.problems.rows} hasNext={data.problems.hasNext} alonePage={alonePage("problems")} /> : null}
    </section>
  );
}
