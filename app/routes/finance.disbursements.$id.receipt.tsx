import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Money } from "../components/ui/money";
import { amountInWords } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import receiptStyles from "../modules/disbursements/components/receipt.css?url";
import { loadDisbursement } from "../modules/disbursements/detail.server";
import { paymentReference } from "../modules/disbursements/reference";
import { titleFor } from "../i18n/title";

// The cash receipt (phiếu chi) finance prints, has signed by the recipient, the cashier and the
// accountant, and uploads back as the proof of payment (SPEC.md step 8). The amount is written in
// figures and in Vietnamese words, as Vietnamese accounting requires.

export const handle: RouteHandle = { access: ["finance", "admin"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: receiptStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "finance.receipt.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["finance", "admin"]);
  const found = await loadDisbursement(params.id ?? "");
  const d = found?.method === "cash" ? found : null;
  notFoundUnless(d);
  return {
    id: d.id,
    reference: paymentReference(d.id, d.position),
    amount: d.amount,
    recipientName: d.recipientName,
    groupName: d.groupName,
    address: [d.village, d.commune].filter(Boolean).join(", "),
    title: d.title,
    position: d.position,
    programmeVi: d.programmeVi,
    programmeEn: d.programmeEn,
    paidOn: d.paidOn,
    status: d.status,
  };
}

export default function CashReceipt() {
  const t = useT();
  const r = useLoaderData<typeof loader>();
  // The date is written by hand when the cash changes hands, unless it is already recorded.
  const [year, month, day] = r.paidOn ? r.paidOn.split("-") : ["……", "……", "……"];
  return (
    <section>
      <p className="no-print">
        <Link to={`/finance/disbursements/${r.id}`}>{t("finance.receipt.back")}</Link>
      </p>
      <p className="hint no-print">{t("finance.receipt.printHint")}</p>
      <article className="card receipt">
        <div className="receipt-head">
          <p>
            <strong>{t.locale === "en" ? r.programmeEn : r.programmeVi}</strong>
          </p>
          <p>
            {t("finance.receipt.number")} <code>{r.reference}</code>
          </p>
        </div>
        <h1>{t("finance.receipt.heading")}</h1>
        <p className="receipt-date">{t("finance.receipt.date", { day, month, year })}</p>
        <dl>
          <dt>{t("finance.receipt.recipient")}</dt>
          <dd>{r.recipientName}</dd>
          <dt>{t("finance.receipt.group")}</dt>
          <dd>
            {r.groupName}
            {r.address ? ` — ${r.address}` : ""}
          </dd>
          <dt>{t("finance.receipt.purpose")}</dt>
          <dd>{t("finance.receipt.purposeText", { position: r.position, title: r.title })}</dd>
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
        </dl>
        <div className="receipt-signatures">
          {(["recipient", "cashier", "accountant"] as const).map((who) => (
            <div key={who}>
              <p>
                <strong>{t(`finance.receipt.sign.${who}`)}</strong>
              </p>
              <p className="hint">{t("finance.receipt.signHint")}</p>
              <div className="sign-space" />
              {who === "recipient" ? <p>{r.recipientName}</p> : null}
            </div>
          ))}
        </div>
      </article>
    </section>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
