import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { parseForm, readForm } from "../forms/parse-form.server";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { partiesOf } from "../kernel/machine";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { LedgerFigures } from "../modules/disbursements/components/figures";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { RecordReturnForm, ReturnsList } from "../modules/disbursements/components/returns-views";
import { cancelSchema, MAX_RECEIPT_BYTES } from "../modules/disbursements/disbursements.schema";
import { loadLedger } from "../modules/disbursements/ledger.server";
import { recordReturnSchema } from "../modules/disbursements/returns.schema";
import { approveReturn, cancelReturn, recordReturn } from "../modules/disbursements/returns.server";
import { titleFor } from "../i18n/title";

// Money that came back to the programme for one grant (issue 14, item 3): finance records it with
// its proof, a second finance user approves it; admins read.
const access = ["finance", "admin"] as const;
export const handle: RouteHandle = { access };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "finance.returns.pageTitle");

const dones = ["prepared", "approved", "cancelled"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const ledger = await loadLedger(params.grantId ?? "");
  notFoundUnless(ledger);
  const done = new URL(request.url).searchParams.get("done");
  return {
    grant: ledger.grant,
    figures: ledger.figures,
    returns: ledger.returns.map((r) => ({ id: r.id, kind: r.kind, amount: r.amount, receivedOn: r.receivedOn, reference: r.reference, status: r.status, preparedBy: r.preparedBy })),
    paid: ledger.disbursements
      .filter((d) => d.status === "paid")
      .map((d) => ({ id: d.id, position: ledger.tranches.find((tr) => tr.id === d.trancheId)?.position ?? 0, amount: d.amount, paidOn: d.paidOn })),
    canRecord: hasPermission(user.roles, "prepare:disbursement"),
    parties: partiesOf(user),
    me: user.id,
    done: (dones as readonly string[]).includes(done ?? "") ? (done as (typeof dones)[number]) : null,
  };
}

// The proof's bytes plus the form's few fields.
const UPLOAD_LIMIT = MAX_RECEIPT_BYTES + 64 * 1024;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const grantId = params.grantId ?? "";
  const body = await readForm(request, UPLOAD_LIMIT);
  if (!(body instanceof FormData)) return data({ errors: { "": body === "errors.formTooLarge" ? "errors.fileTooLarge" : body }, values: {} }, { status: 400 });
  const locale = await getLocale(request, user.locale);
  const actor = { user: { ...user, locale }, ip: context?.ip ?? "" };
  const intent = body.get("intent");
  const back = (what: string) => redirect(`/finance/grants/${grantId}/returns?done=${what}`);
  if (intent === "record") {
    const proof = body.get("proof");
    body.delete("proof");
    const form = await parseForm(body, recordReturnSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    const result = await recordReturn(grantId, form.data, proof instanceof File ? proof : null, actor);
    if (!result.ok) return data({ errors: result.errors, values: { ...form.data, amount: form.data.amount.toString() } }, { status: result.status });
    return back("prepared");
  }
  const returnId = String(body.get("returnId") ?? "");
  if (intent === "approve") {
    const result = await approveReturn(returnId, actor);
    return result.ok ? back("approved") : data({ errors: result.errors, values: {} }, { status: result.status });
  }
  if (intent === "cancel") {
    body.delete("returnId");
    body.delete("intent");
    const form = await parseForm(body, cancelSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    const result = await cancelReturn(returnId, form.data.reason, actor);
    return result.ok ? back("cancelled") : data({ errors: result.errors, values: {} }, { status: result.status });
  }
  return data({ errors: { "": "errors.invalid" }, values: {} }, { status: 400 });
}

export default function GrantReturns() {
  const t = useT();
  const { grant, figures, returns, paid, canRecord, parties, me, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/finance/grants/${grant.id}`}>{t("finance.returns.back")}</Link>
      </p>
      <h1>{t("finance.returns.title", { group: grant.groupName })}</h1>
      {done ? <Notice>{t(`finance.returns.done.${done}`)}</Notice> : null}
      <FormError error={answer?.errors[""]} />
      <p>{t("finance.returns.intro")}</p>
      <LedgerFigures figures={figures} />
      <ReturnsList rows={returns} parties={parties} me={me} />
      {canRecord ? <RecordReturnForm paid={paid} errors={answer?.errors} values={answer?.values} /> : null}
    </section>
  );
}
