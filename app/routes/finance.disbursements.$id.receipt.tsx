import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Money } from "../components/ui/money";
import { amountInWords } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { getEnv } from "../infra/env.server";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import receiptStyles from "../modules/disbursements/components/receipt.css?url";
import { loadDisbursement } from "../modules/disbursements/detail.server";
import { paymentReference } from "../modules/disbursements/reference";
import { voucherNumber } from "../modules/disbursements/voucher-number.server";
import { titleFor } from "../i18n/title";

// The cash receipt (phiếu chi) finance prints, has signed, and uploads back as the proof of
// payment (SPEC.md step 8), laid out as the standard Vietnamese form Mẫu số 02-TT: the paying
// organisation, book and number, the debit and credit accounts (written by the accountant), the
// recipient with her ID card number (written by hand at payment: Gieo does not keep ID numbers),
// the reason, the amount in figures and in words, and five signatures.

export const handle: RouteHandle = { access: ["finance", "admin"] };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: receiptStyles },
];

export const meta: MetaFunction = ({ matches }) =>
  titleFor(matches, "finance.receipt.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["finance", "admin"]);
  const found = await loadDisbursement(params.id ?? "");
  const d = found?.method === "cash" ? found : null;
  notFoundUnless(d);
  const voucher = await voucherNumber(d.id);
  notFoundUnless(voucher);
  const env = getEnv();
  return {
    id: d.id,
    reference: paymentReference(d.id, d.position),
    voucher,
    organisation: env.ORG_NAME ?? null,
    organisationAddress: env.ORG_ADDRESS ?? null,
    amount: d.amount,
    recipientName: d.recipientName,
    groupName: d.groupName,
    address: [d.village, d.commune].filter(Boolean).join(", "),
    title: d.title,
    position: d.position,
    programmeVi: d.programmeVi,
    programmeEn: d.programmeEn,
    paidOn: d.paidOn,
  };
}

/** A line to fill in by hand. */
const BLANK = "……………………";

export default function CashReceipt() {
  const t = useT();
  const r = useLoaderData<typeof loader>();
  // The date is written by hand when the cash changes hands, unless it is already recorded.
  const [year, month, day] = r.paidOn
    ? r.paidOn.split("-")
    : ["……", "……", "……"];
  return (
    <section>
      <p className="no-print">
        <Link to={`/finance/disbursements/${r.id}`}>
          {t("finance.receipt.back")}
        </Link>
      </p>
      <p className="hint no-print">{t("finance.receipt.printHint")}</p>
      <article className="card receipt">
        <div className="receipt-head">
          <div>
            <p>
              {t("finance.receipt.organisation")}{" "}
              <strong>{r.organisation ?? BLANK}</strong>
            </p>
            <p>
              {t("finance.receipt.organisationAddress")}{" "}
              {r.organisationAddress ?? BLANK}
            </p>
            <p>{t.locale === "en" ? r.programmeEn : r.programmeVi}</p>
          </div>
          <div className="receipt-form">
            <p>
              <strong>{t("finance.receipt.form")}</strong>
            </p>
          </div>
        </div>
        <div className="receipt-title">
          <div>
            <h1>{t("finance.receipt.heading")}</h1>
            <p className="receipt-date">
              {t("finance.receipt.date", { day, month, year })}
            </p>
          </div>
          <dl className="receipt-book">
            <dt>{t("finance.receipt.book")}</dt>
            <dd>{r.voucher.book}</dd>
            <dt>{t("finance.receipt.number")}</dt>
            <dd>{String(r.voucher.number).padStart(4, "0")}</dd>
            <dt>{t("finance.receipt.debit")}</dt>
            <dd>{BLANK}</dd>
            <dt>{t("finance.receipt.credit")}</dt>
            <dd>{BLANK}</dd>
          </dl>
        </div>
        <dl className="receipt-lines">
          <dt>{t("finance.receipt.recipient")}</dt>
          <dd>
            <strong>{r.recipientName}</strong>
          </dd>
          <dt>{t("finance.receipt.idCard")}</dt>
          <dd>{BLANK}</dd>
          <dt>{t("finance.receipt.address")}</dt>
          <dd>
            {r.groupName}
            {r.address ? ` — ${r.address}` : ""}
          </dd>
          <dt>{t("finance.receipt.purpose")}</dt>
          <dd>
            {t("finance.receipt.purposeText", {
              position: r.position,
              title: r.title,
            })}
          </dd>
          <dt>{t("finance.receipt.amount")}</dt>
          <dd>
            <strong>
              <Money amount={r.amount} />
            </strong>
          </dd>
          <dt>{t("finance.receipt.inWords")}</dt>
          <dd className="words">
            <span lang="vi">{capitalise(amountInWords(r.amount, "vi"))}</span>
            {t.locale === "en" ? (
              <>
                <br />
                <span lang="en">({amountInWords(r.amount, "en")})</span>
              </>
            ) : null}
          </dd>
          <dt>{t("finance.receipt.attached")}</dt>
          <dd>
            {t("finance.receipt.attachedText", { reference: r.reference })}
          </dd>
        </dl>
        <p className="receipt-date receipt-sign-date">
          {t("finance.receipt.date", { day, month, year })}
        </p>
        <div className="receipt-signatures">
          {(
            [
              "director",
              "chiefAccountant",
              "cashier",
              "preparer",
              "recipient",
            ] as const
          ).map((who) => (
            <div key={who}>
              <p>
                <strong>{t(`finance.receipt.sign.${who}`)}</strong>
              </p>
              <p className="hint">
                {t(
                  who === "director"
                    ? "finance.receipt.signSealHint"
                    : "finance.receipt.signHint",
                )}
              </p>
              <div className="sign-space" />
              {who === "recipient" ? <p>{r.recipientName}</p> : null}
            </div>
          ))}
        </div>
        <p>
          {t("finance.receipt.received")} {BLANK}
          {BLANK}
        </p>
      </article>
    </section>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
