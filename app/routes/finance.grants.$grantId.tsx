import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { formatDate } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { bankOptions } from "../modules/disbursements/banks.server";
import { LedgerFigures } from "../modules/disbursements/components/figures";
import { LedgerDisbursements, LedgerTranches } from "../modules/disbursements/components/ledger-views";
import { PrepareForm } from "../modules/disbursements/components/prepare-form";
import { prepareSchema } from "../modules/disbursements/disbursements.schema";
import { prepareDisbursement } from "../modules/disbursements/disbursements.server";
import { loadLedger } from "../modules/disbursements/ledger.server";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { isPayable } from "../modules/grants/tranche-status";
import { titleFor } from "../i18n/title";
import { VersionInForce } from "../modules/amendments/components/amendment-views";
import { pendingVersion, versionInForce } from "../modules/amendments/read.server";

export const handle: RouteHandle = { access: ["finance", "admin"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "finance.ledger.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["finance", "admin"]);
  const ledger = await loadLedger(params.grantId ?? "");
  notFoundUnless(ledger);
  const canPrepare = hasPermission(user.roles, "prepare:disbursement");
  // A tranche can be prepared while its grant takes payments (the grants module's rule) and money is left.
  const open = ledger.tranches.filter((tr) => tr.due && tr.remaining > 0n && isPayable(ledger.grant.status));
  return {
    ...ledger,
    // Which version of the agreement the tranches below come from (issue 14, amendments).
    inForce: ledger.grant.acceptedAt ? await versionInForce(ledger.grant.id, ledger.grant.acceptedAt) : null,
    pending: ledger.grant.acceptedAt ? await pendingVersion(ledger.grant.id) : null,
    // The group's Stripe connected account is where its Stripe transfers go: kept by finance.
    stripeAccountLink: stripeConfigured() && hasPermission(user.roles, "manage:stripe-accounts"),
    prepare:
      canPrepare && open.length > 0
        ? {
            // A fresh id per page view; posting the same form again names the same disbursement.
            formId: crypto.randomUUID(),
            tranches: open.map((tr) => ({ id: tr.id, position: tr.position, remaining: tr.remaining })),
            banks: bankOptions,
          }
        : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["finance", "admin"]);
  const grantId = params.grantId ?? "";
  const form = await parseForm(request, prepareSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  if (!hasPermission(user.roles, "prepare:disbursement")) return data({ errors: { "": "disbursements.errors.notAllowed" }, values: {} }, { status: 403 });
  // Amounts in messages are written the way the reader reads this page.
  const locale = await getLocale(request, user.locale);
  const result = await prepareDisbursement({ ...form.data, grantId, bankBin: form.data.bankBin || null }, { user: { ...user, locale }, ip: context?.ip ?? "" });
  if (!result.ok) return data({ errors: result.errors, values: { ...form.data, amount: form.data.amount.toString() } }, { status: result.status });
  throw redirect(`/finance/disbursements/${result.id}?done=prepared`);
}

export default function GrantLedger() {
  const t = useT();
  const { grant, figures, tranches, disbursements, methods, suggestedBankBin, prepare, stripeAccountLink, inForce, pending } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to="/finance">{t("finance.back")}</Link>
      </p>
      <h1>{t("finance.ledger.heading", { group: grant.groupName })}</h1>
      <p>
        <strong>{grant.title}</strong> · {t.locale === "en" ? grant.roundEn : grant.roundVi} · {t.locale === "en" ? grant.programmeEn : grant.programmeVi}
      </p>
      <p>
        {t("finance.ledger.status")} <strong>{t(`finance.grantStatus.${grant.status}`)}</strong>
        {grant.acceptedAt ? ` · ${t("finance.ledger.acceptedOn", { date: formatDate(grant.acceptedAt) })}` : null}
      </p>
      {inForce ? <VersionInForce inForce={inForce} grantId={grant.id} pending={pending} /> : null}
      <LedgerFigures figures={figures} />
      <p>
        <a href={`/finance/disbursements.csv?grant=${grant.id}`} download>
          {t("finance.csv.grant")}
        </a>
        {" · "}
        <Link to={`/finance/grants/${grant.id}/returns`}>{t("finance.returns.link")}</Link>
        {" · "}
        <Link to={`/grants/${grant.id}/visits`}>{t("grants.page.visitsLink")}</Link>
        {" · "}
        <Link to={`/notes/grant/${grant.id}`}>{t("grants.page.notesLink")}</Link>
        {stripeAccountLink ? (
          <>
            {" · "}
            <Link to={`/finance/groups/${grant.groupId}/stripe`}>{t("payments.account.title")}</Link>
          </>
        ) : null}
      </p>

      <LedgerTranches tranches={tranches} reportSchedule={grant.reportSchedule} />

      {prepare ? (
        <PrepareForm
          formId={prepare.formId}
          tranches={prepare.tranches}
          methods={methods}
          banks={prepare.banks}
          suggestedBankBin={suggestedBankBin}
          leaderName={grant.leaderName}
          bankNote={grant.bankName ? `${grant.bankName}${grant.bankAccountLast4 ? ` •••• ${grant.bankAccountLast4}` : ""}` : null}
        />
      ) : null}

      <LedgerDisbursements disbursements={disbursements} />
    </section>
  );
}
