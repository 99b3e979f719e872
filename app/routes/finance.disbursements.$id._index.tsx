import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { isMessageKey } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { disbursementAction } from "../modules/disbursements/actions.server";
import { HistoryList } from "../modules/disbursements/components/history-list";
import { ApprovalPanel, BankPayment, CancelForm, CashPayForm, DisbursementFacts, StripePayForm } from "../modules/disbursements/components/disbursement-views";
import { todayInVietNam } from "../modules/disbursements/disbursements.schema";
import { loadDisbursement } from "../modules/disbursements/detail.server";
import { disbursementMachine } from "../modules/disbursements/machine";
import { can as machineAllows, partiesOf } from "../kernel/machine";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["finance", "admin"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "finance.detail.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["finance", "admin"]);
  const disbursement = await loadDisbursement(params.id ?? "");
  notFoundUnless(disbursement);
  return {
    d: disbursement,
    today: todayInVietNam(),
    can: {
      approve: hasPermission(user.roles, "approve:disbursement") && disbursement.preparedBy !== user.id,
      cancel: hasPermission(user.roles, "prepare:disbursement"),
      pay: hasPermission(user.roles, "pay:disbursement"),
      stripe: stripeConfigured(),
    },
    // Which forms the page offers comes from the disbursement's machine, in its present status.
    next: {
      approval: machineAllows(disbursementMachine, disbursement.status, "approved", ["finance"]),
      payment: machineAllows(disbursementMachine, disbursement.status, "paid", ["finance"]),
      cancel: machineAllows(disbursementMachine, disbursement.status, "cancelled", partiesOf(user)),
    },
    ownPreparation: disbursement.preparedBy === user.id,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["finance", "admin"]);
  return disbursementAction(params.id ?? "", request, { user, ip: context?.ip ?? "" });
}

export default function DisbursementPage() {
  const t = useT();
  const { d, can, next, ownPreparation, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const doneKey = `finance.done.${search.get("done") ?? ""}`;
  const errors = actionData && "errors" in actionData ? (actionData.errors ?? undefined) : undefined;
  const qr = actionData && "qr" in actionData ? actionData.qr : null;
  const pay = next.payment && can.pay;
  return (
    <section>
      <p>
        <Link to="/finance">{t("finance.back")}</Link> · <Link to={`/finance/grants/${d.grantId}`}>{t("finance.detail.toLedger")}</Link>
      </p>
      <h1>{t("finance.detail.heading", { group: d.groupName, position: d.position })}</h1>
      {search.get("done") && isMessageKey(doneKey) ? <Notice>{t.dynamic(doneKey)}</Notice> : null}
      <FormError error={errors?.[""]} />

      <DisbursementFacts d={d} />
      {d.failureMessage ? (
        <p className="alert alert-error">
          {t("finance.detail.stripeSaid")} {t.dynamic(d.failureMessage)}
        </p>
      ) : null}
      {d.hasReceipt ? (
        <p>
          <a href={`/finance/disbursements/${d.id}/scan`}>{t("finance.detail.downloadScan")}</a>
        </p>
      ) : null}
      {d.method === "cash" ? (
        <p>
          <Link to={`/finance/disbursements/${d.id}/receipt`}>{t("finance.detail.printReceipt")}</Link>
        </p>
      ) : null}

      {next.approval ? <ApprovalPanel preparerName={d.preparerName} mayApprove={can.approve} ownPreparation={ownPreparation} /> : null}
      {pay && d.method === "stripe" ? <StripePayForm amount={d.amount} stripeOn={can.stripe} /> : null}
      {pay && d.method === "bank_transfer" ? <BankPayment qr={qr} today={today} errors={errors} /> : null}
      {pay && d.method === "cash" ? <CashPayForm today={today} errors={errors} /> : null}
      {d.status === "processing" ? <p className="card">{t("finance.detail.processing")}</p> : null}
      {can.cancel && next.cancel ? <CancelForm errors={errors} /> : null}

      <h2>{t("finance.detail.history")}</h2>
      <HistoryList entries={d.history} />
    </section>
  );
}
