import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError, Notice } from "../components/ui/field";
import { TextAreaField } from "../components/ui/text-area-field";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate, formatDateTime, formatMoney, formatMoneyWithWords } from "../i18n/format";
import { isMessageKey } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { disbursementAction } from "../modules/disbursements/actions.server";
import { HistoryList } from "../modules/disbursements/components/history-list";
import { bankPaymentSchema, cancelSchema, cashPaymentSchema, todayInVietNam } from "../modules/disbursements/disbursements.schema";
import { loadDisbursement } from "../modules/disbursements/detail.server";
import { disbursementMachine } from "../modules/disbursements/machine";
import { can as machineAllows, partiesOf } from "../kernel/machine";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { titleFor } from "../modules/groups/meta";

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
  const cancel = useZodForm(cancelSchema, { serverErrors: errors });
  const bank = useZodForm(bankPaymentSchema, { serverErrors: errors });
  const cash = useZodForm(cashPaymentSchema, { serverErrors: errors });
  const money = (amount: bigint) => formatMoney(amount, t.locale);
  const payable = next.payment;
  const cancellable = can.cancel && next.cancel;
  return (
    <section>
      <p>
        <Link to="/finance">{t("finance.back")}</Link> · <Link to={`/finance/grants/${d.grantId}`}>{t("finance.detail.toLedger")}</Link>
      </p>
      <h1>{t("finance.detail.heading", { group: d.groupName, position: d.position })}</h1>
      {search.get("done") && isMessageKey(doneKey) ? <Notice>{t.dynamic(doneKey)}</Notice> : null}
      <FormError error={errors?.[""]} />

      <dl className="card">
        <dt>{t("finance.col.amount")}</dt>
        <dd>
          <strong>{formatMoneyWithWords(d.amount, t.locale)}</strong>
        </dd>
        <dt>{t("finance.col.method")}</dt>
        <dd>
          {t(`disbursements.method.${d.method}`)}
          {d.bank ? ` · ${d.bank.shortName}` : ""}
        </dd>
        <dt>{t("finance.col.status")}</dt>
        <dd>{t(`disbursements.status.${d.status}`)}</dd>
        <dt>{t("finance.detail.project")}</dt>
        <dd>
          {d.title} · {t.locale === "en" ? d.roundEn : d.roundVi}
        </dd>
        <dt>{t("finance.detail.recipient")}</dt>
        <dd>{d.recipientName}</dd>
        <dt>{t("finance.col.preparedBy")}</dt>
        <dd>
          {d.preparerName} · {formatDateTime(d.preparedAt, t.locale)}
        </dd>
        {d.approverName && d.approvedAt ? (
          <>
            <dt>{t("finance.col.approvedBy")}</dt>
            <dd>
              {d.approverName} · {formatDateTime(d.approvedAt, t.locale)}
            </dd>
          </>
        ) : null}
        {d.bankReference ? (
          <>
            <dt>{t("finance.detail.bankReference")}</dt>
            <dd>{d.bankReference}</dd>
          </>
        ) : null}
        {d.stripeTransferId ? (
          <>
            <dt>{t("finance.detail.stripeTransfer")}</dt>
            <dd>
              <code>{d.stripeTransferId}</code>
            </dd>
          </>
        ) : null}
        {d.paidOn || d.paidAt ? (
          <>
            <dt>{t("finance.detail.paidOn")}</dt>
            <dd>{formatDate(d.paidOn ?? d.paidAt!)}</dd>
          </>
        ) : null}
        {d.note ? (
          <>
            <dt>{t("finance.prepare.note")}</dt>
            <dd>{d.note}</dd>
          </>
        ) : null}
      </dl>
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

      {next.approval ? (
        can.approve ? (
          <Form method="post" className="stack">
            <h2>{t("finance.detail.approveTitle")}</h2>
            <p>{t("finance.detail.approveHint", { name: d.preparerName })}</p>
            <div>
              <button type="submit" name="intent" value="approve">
                {t("finance.action.approve")}
              </button>
            </div>
          </Form>
        ) : (
          <p className="card">{ownPreparation ? t("finance.detail.ownPreparation") : t("finance.detail.waitsApproval")}</p>
        )
      ) : null}

      {payable && can.pay && d.method === "stripe" ? (
        <Form method="post" className="stack">
          <h2>{t("finance.pay.stripeTitle")}</h2>
          {can.stripe ? (
            <>
              <p>{t("finance.pay.stripeHint")}</p>
              <div>
                <button type="submit" name="intent" value="pay-stripe">
                  {t("finance.pay.stripeSubmit", { amount: money(d.amount) })}
                </button>
              </div>
            </>
          ) : (
            <p>{t("finance.pay.stripeOff")}</p>
          )}
        </Form>
      ) : null}

      {payable && can.pay && d.method === "bank_transfer" ? (
        <>
          <h2>{t("finance.pay.bankTitle")}</h2>
          {qr ? (
            <div className="card vietqr">
              <div className="vietqr-code" role="img" aria-label={t("finance.pay.qrAlt")} dangerouslySetInnerHTML={{ __html: qr.svg }} />
              <dl>
                <dt>{t("finance.pay.bank")}</dt>
                <dd>
                  {qr.bank.shortName} — {qr.bank.name} ({qr.bank.bin})
                </dd>
                <dt>{t("finance.pay.account")}</dt>
                <dd>
                  <code>{qr.account}</code>
                </dd>
                <dt>{t("finance.col.amount")}</dt>
                <dd>{money(BigInt(qr.amount))}</dd>
                <dt>{t("finance.pay.purpose")}</dt>
                <dd>
                  <code>{qr.purpose}</code>
                </dd>
              </dl>
              <p className="hint">{t("finance.pay.qrLogged")}</p>
            </div>
          ) : (
            <Form method="post">
              <p>{t("finance.pay.qrHint")}</p>
              <button type="submit" name="intent" value="show-qr" className="secondary">
                {t("finance.pay.showQr")}
              </button>
            </Form>
          )}
          <Form method="post" className="stack" noValidate onSubmit={bank.onSubmit}>
            <h3>{t("finance.pay.recordBank")}</h3>
            <Field label={t("finance.pay.bankReference")} hint={t("finance.pay.bankReferenceHint")} autoComplete="off" error={bank.errorFor("bankReference")} {...bank.register("bankReference")} />
            <Field label={t("finance.pay.paidOn")} type="date" max={today} defaultValue={today} error={bank.errorFor("paidOn")} {...bank.register("paidOn")} />
            <div>
              <button type="submit" name="intent" value="pay-bank">
                {t("finance.pay.recordSubmit")}
              </button>
            </div>
          </Form>
        </>
      ) : null}

      {payable && can.pay && d.method === "cash" ? (
        <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={cash.onSubmit}>
          <h2>{t("finance.pay.cashTitle")}</h2>
          <p>{t("finance.pay.cashHint")}</p>
          <Field label={t("finance.pay.paidOn")} type="date" max={today} defaultValue={today} error={cash.errorFor("paidOn")} {...cash.register("paidOn")} />
          <Field
            name="receipt"
            label={t("finance.pay.receipt")}
            hint={t("finance.pay.receiptHint")}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            error={errors?.receipt}
          />
          <div>
            <button type="submit" name="intent" value="pay-cash">
              {t("finance.pay.recordSubmit")}
            </button>
          </div>
        </Form>
      ) : null}

      {d.status === "processing" ? <p className="card">{t("finance.detail.processing")}</p> : null}

      {cancellable ? (
        <Form method="post" className="stack" noValidate onSubmit={cancel.onSubmit}>
          <h2>{t("finance.cancel.title")}</h2>
          <TextAreaField label={t("finance.cancel.reason")} rows={2} error={cancel.errorFor("reason")} {...cancel.register("reason")} />
          <div>
            <button type="submit" name="intent" value="cancel" className="secondary">
              {t("finance.cancel.submit")}
            </button>
          </div>
        </Form>
      ) : null}

      <h2>{t("finance.detail.history")}</h2>
      <HistoryList entries={d.history} />
    </section>
  );
}
