import { Form } from "../../../components/ui/form";
import { Field } from "../../../components/ui/field";
import { Money } from "../../../components/ui/money";
import { StatusBadge } from "../../../components/ui/status-badge";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatDate, formatDateTime, formatMoney, formatMoneyWithWords } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { DisbursementDetail } from "../detail.server";
import { bankPaymentSchema, cancelSchema, cashPaymentSchema } from "../disbursements.schema";
import { disbursementTone } from "../status-tone";
import type { VietQr } from "../vietqr.server";
import { DateField } from "../../../components/ui/date-field";

// One disbursement as finance works on it (`/finance/disbursements/:id`): what it is, and the
// form for whichever step comes next. The page decides which forms show, from the machine.

type Errors = Record<string, string> | undefined;

/** What the disbursement is: amount, method, status, project, recipient, who did what and when. */
export function DisbursementFacts({ d }: { d: DisbursementDetail }) {
  const t = useT();
  return (
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
      <dd>
        <StatusBadge tone={disbursementTone(d.status)}>{t(`disbursements.status.${d.status}`)}</StatusBadge>
      </dd>
      <dt>{t("finance.detail.project")}</dt>
      <dd>
        {d.title} · {t.locale === "en" ? d.roundEn : d.roundVi}
      </dd>
      <dt>{t("finance.detail.recipient")}</dt>
      <dd>{d.recipientName}</dd>
      {d.method === "bank_transfer" ? (
        // What the approver checks against the transfer: the holder the bank names, the bank,
        // and the end of the number (the whole number is in the QR code only, drawn on demand).
        <>
          <dt>{t("finance.detail.account")}</dt>
          <dd>
            {d.bankAccountHolder ?? t("finance.detail.holderMissing")} · {d.bankName ?? ""} · •••• {d.bankAccountLast4 ?? "—"}
          </dd>
        </>
      ) : null}
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
  );
}

/**
 * A prepared disbursement waits for a second person: they get the button; whoever prepared it,
 * or someone without the permission, is told who it waits for.
 */
export function ApprovalPanel({ preparerName, mayApprove, ownPreparation }: { preparerName: string; mayApprove: boolean; ownPreparation: boolean }) {
  const t = useT();
  return mayApprove ? (
    <Form method="post" className="stack">
      <h2>{t("finance.detail.approveTitle")}</h2>
      <p>{t("finance.detail.approveHint", { name: preparerName })}</p>
      <div>
        <button type="submit" name="intent" value="approve">
          {t("finance.action.approve")}
        </button>
      </div>
    </Form>
  ) : (
    <p className="card">{ownPreparation ? t("finance.detail.ownPreparation") : t("finance.detail.waitsApproval")}</p>
  );
}

/** Paying through Stripe: one button, or why it is off on this server. */
export function StripePayForm({ amount, stripeOn }: { amount: bigint; stripeOn: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="stack">
      <h2>{t("finance.pay.stripeTitle")}</h2>
      {stripeOn ? (
        <>
          <p>{t("finance.pay.stripeHint")}</p>
          <div>
            <button type="submit" name="intent" value="pay-stripe">
              {t("finance.pay.stripeSubmit", { amount: formatMoney(amount, t.locale) })}
            </button>
          </div>
        </>
      ) : (
        <p>{t("finance.pay.stripeOff")}</p>
      )}
    </Form>
  );
}

/** The VietQR code as the action draws it (its amount as text, to cross the wire). */
export type ShownQr = Omit<VietQr, "amount"> & { amount: string };

/**
 * A bank transfer: the VietQR code to scan in the programme's banking app (drawn on request,
 * since it shows the account), then the bank's reference once the money has left.
 */
export function BankPayment({ qr, today, errors }: { qr: ShownQr | null; today: string; errors: Errors }) {
  const t = useT();
  const bank = useZodForm(bankPaymentSchema, { serverErrors: errors });
  return (
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
            <dd>
              <Money amount={BigInt(qr.amount)} />
            </dd>
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
        <Field
          label={t("finance.pay.bankReference")}
          hint={t("finance.pay.bankReferenceHint")}
          autoComplete="off"
          error={bank.errorFor("bankReference")}
          {...bank.register("bankReference")}
        />
        <DateField label={t("finance.pay.paidOn")} defaultValue={today} error={bank.errorFor("paidOn")} {...bank.register("paidOn")} />
        <div>
          <button type="submit" name="intent" value="pay-bank">
            {t("finance.pay.recordSubmit")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** Cash handed over against the printed receipt: the day, and the signed receipt's scan. */
export function CashPayForm({ today, errors }: { today: string; errors: Errors }) {
  const t = useT();
  const cash = useZodForm(cashPaymentSchema, { serverErrors: errors });
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={cash.onSubmit}>
      <h2>{t("finance.pay.cashTitle")}</h2>
      <p>{t("finance.pay.cashHint")}</p>
      <DateField label={t("finance.pay.paidOn")} defaultValue={today} error={cash.errorFor("paidOn")} {...cash.register("paidOn")} />
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
  );
}

/** Cancelling a disbursement not yet paid, with the reason written down. */
export function CancelForm({ errors }: { errors: Errors }) {
  const t = useT();
  const cancel = useZodForm(cancelSchema, { serverErrors: errors });
  return (
    <Form method="post" className="stack" noValidate onSubmit={cancel.onSubmit}>
      <h2>{t("finance.cancel.title")}</h2>
      <TextAreaField label={t("finance.cancel.reason")} rows={2} error={cancel.errorFor("reason")} {...cancel.register("reason")} />
      <div>
        <button type="submit" name="intent" value="cancel" className="secondary">
          {t("finance.cancel.submit")}
        </button>
      </div>
    </Form>
  );
}
