import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pageNumber } from "../forms/query";
import { formatDate, formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { disbursementsPage, dueTranchesPage, OVERVIEW_SIZE, QUEUE_PAGE_SIZE, queueSections, type QueueSection } from "../modules/disbursements/queue.server";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { QueueTable } from "../modules/disbursements/components/queue-table";
import { titleFor } from "../modules/groups/meta";

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
  const money = (amount: bigint) => formatMoney(amount, t.locale);
  const show = (s: QueueSection) => data.only === null || data.only === s;
  const alonePage = (s: QueueSection) => (data.only === s ? data.page : null);
  const groupAndTranche = (r: { id: string; groupName: string; position: number }) => (
    <td>
      <Link to={`/finance/disbursements/${r.id}`}>{r.groupName}</Link> · {t("finance.trancheN", { position: r.position })}
    </td>
  );
  return (
    <section>
      <h1>{t("finance.queue.title")}</h1>
      <p>
        <Link to="/finance/rounds">{t("finance.totals.title")}</Link> ·{" "}
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

      {show("due") ? (
        <QueueTable
          id="due"
          title="finance.queue.due"
          empty="finance.queue.dueEmpty"
          columns={["finance.col.group", "finance.col.tranche", "finance.col.trancheAmount", "finance.col.remaining", "finance.col.dueSince"]}
          rows={data.due.rows}
          hasNext={data.due.hasNext}
          alonePage={alonePage("due")}
          row={(r) => (
            <tr key={r.trancheId}>
              <td>
                <Link to={`/finance/grants/${r.grantId}`}>{r.groupName}</Link>
                <br />
                <span className="muted">{r.title}</span>
              </td>
              <td>{t("finance.trancheN", { position: r.position })}</td>
              <td>{money(r.amount)}</td>
              <td>
                <strong>{money(r.remaining)}</strong>
              </td>
              <td>{r.conditionMetAt ? formatDate(r.conditionMetAt) : ""}</td>
            </tr>
          )}
        />
      ) : null}

      {show("approval") ? (
        <QueueTable
          id="approval"
          title="finance.queue.approval"
          empty="finance.queue.approvalEmpty"
          columns={["finance.col.group", "finance.col.amount", "finance.col.method", "finance.col.preparedBy", "finance.col.action"]}
          rows={data.approval.rows}
          hasNext={data.approval.hasNext}
          alonePage={alonePage("approval")}
          row={(r) => (
            <tr key={r.id}>
              {groupAndTranche(r)}
              <td>{money(r.amount)}</td>
              <td>{t(`disbursements.method.${r.method}`)}</td>
              <td>
                {r.preparerName}
                <br />
                <span className="muted">{formatDate(r.preparedAt)}</span>
              </td>
              <td>
                {r.preparedBy === data.me ? (
                  <span className="muted">{t("finance.queue.needsSecond")}</span>
                ) : data.canApprove ? (
                  <Form method="post" action={`/finance/disbursements/${r.id}`}>
                    <button type="submit" name="intent" value="approve">
                      {t("finance.action.approve")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          )}
        />
      ) : null}

      {show("payment") ? (
        <QueueTable
          id="payment"
          title="finance.queue.payment"
          empty="finance.queue.paymentEmpty"
          columns={["finance.col.group", "finance.col.amount", "finance.col.method", "finance.col.status", "finance.col.approvedBy"]}
          rows={data.payment.rows}
          hasNext={data.payment.hasNext}
          alonePage={alonePage("payment")}
          row={(r) => (
            <tr key={r.id}>
              {groupAndTranche(r)}
              <td>{money(r.amount)}</td>
              <td>{t(`disbursements.method.${r.method}`)}</td>
              <td>{t(`disbursements.status.${r.status}`)}</td>
              <td>{r.approverName ?? ""}</td>
            </tr>
          )}
        />
      ) : null}

      {show("problems") ? (
        <QueueTable
          id="problems"
          title="finance.queue.problems"
          empty="finance.queue.problemsEmpty"
          columns={["finance.col.group", "finance.col.amount", "finance.col.status", "finance.col.stripeMessage", "finance.col.when"]}
          rows={data.problems.rows}
          hasNext={data.problems.hasNext}
          alonePage={alonePage("problems")}
          row={(r) => (
            <tr key={r.id}>
              {groupAndTranche(r)}
              <td>{money(r.amount)}</td>
              <td>{t(`disbursements.status.${r.status}`)}</td>
              <td>{r.failureMessage ? t.dynamic(r.failureMessage) : ""}</td>
              <td>{formatDate(r.updatedAt)}</td>
            </tr>
          )}
        />
      ) : null}
    </section>
  );
}
