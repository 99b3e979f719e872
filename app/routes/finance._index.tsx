import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pager } from "../components/ui/pager";
import { pageNumber } from "../forms/query";
import { formatDate, formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { disbursementsPage, dueTranchesPage, OVERVIEW_SIZE, QUEUE_PAGE_SIZE, queueSections, type QueueSection } from "../modules/disbursements/queue.server";
import financeStyles from "../modules/disbursements/components/finance.css?url";
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
  const more = (s: QueueSection, hasNext: boolean) =>
    data.only === null && hasNext ? (
      <p>
        <Link to={`?section=${s}`}>{t("finance.queue.more")}</Link>
      </p>
    ) : data.only === s ? (
      <Pager page={data.page} hasNext={hasNext} />
    ) : null;
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
        <>
          <h2 id="due">{t("finance.queue.due")}</h2>
          {data.due.rows.length === 0 ? (
            <p>{t("finance.queue.dueEmpty")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="due">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("finance.col.group")}</th>
                    <th scope="col">{t("finance.col.tranche")}</th>
                    <th scope="col">{t("finance.col.trancheAmount")}</th>
                    <th scope="col">{t("finance.col.remaining")}</th>
                    <th scope="col">{t("finance.col.dueSince")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.due.rows.map((r) => (
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
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {more("due", data.due.hasNext)}
        </>
      ) : null}

      {show("approval") ? (
        <>
          <h2 id="approval">{t("finance.queue.approval")}</h2>
          {data.approval.rows.length === 0 ? (
            <p>{t("finance.queue.approvalEmpty")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="approval">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("finance.col.group")}</th>
                    <th scope="col">{t("finance.col.amount")}</th>
                    <th scope="col">{t("finance.col.method")}</th>
                    <th scope="col">{t("finance.col.preparedBy")}</th>
                    <th scope="col">{t("finance.col.action")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.approval.rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/finance/disbursements/${r.id}`}>{r.groupName}</Link> · {t("finance.trancheN", { position: r.position })}
                      </td>
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
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {more("approval", data.approval.hasNext)}
        </>
      ) : null}

      {show("payment") ? (
        <>
          <h2 id="payment">{t("finance.queue.payment")}</h2>
          {data.payment.rows.length === 0 ? (
            <p>{t("finance.queue.paymentEmpty")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="payment">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("finance.col.group")}</th>
                    <th scope="col">{t("finance.col.amount")}</th>
                    <th scope="col">{t("finance.col.method")}</th>
                    <th scope="col">{t("finance.col.status")}</th>
                    <th scope="col">{t("finance.col.approvedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.payment.rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/finance/disbursements/${r.id}`}>{r.groupName}</Link> · {t("finance.trancheN", { position: r.position })}
                      </td>
                      <td>{money(r.amount)}</td>
                      <td>{t(`disbursements.method.${r.method}`)}</td>
                      <td>{t(`disbursements.status.${r.status}`)}</td>
                      <td>{r.approverName ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {more("payment", data.payment.hasNext)}
        </>
      ) : null}

      {show("problems") ? (
        <>
          <h2 id="problems">{t("finance.queue.problems")}</h2>
          {data.problems.rows.length === 0 ? (
            <p>{t("finance.queue.problemsEmpty")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="problems">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("finance.col.group")}</th>
                    <th scope="col">{t("finance.col.amount")}</th>
                    <th scope="col">{t("finance.col.status")}</th>
                    <th scope="col">{t("finance.col.stripeMessage")}</th>
                    <th scope="col">{t("finance.col.when")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.problems.rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/finance/disbursements/${r.id}`}>{r.groupName}</Link> · {t("finance.trancheN", { position: r.position })}
                      </td>
                      <td>{money(r.amount)}</td>
                      <td>{t(`disbursements.status.${r.status}`)}</td>
                      <td>{r.failureMessage ? t.dynamic(r.failureMessage) : ""}</td>
                      <td>{formatDate(r.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {more("problems", data.problems.hasNext)}
        </>
      ) : null}
    </section>
  );
}
