import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable, type Column } from "../components/ui/data-table";
import { FormError, Notice } from "../components/ui/field";
import { parseForm } from "../forms/parse-form.server";
import { formatDate, formatMoney } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { emptySchema } from "../modules/disbursements/disbursements.schema";
import { paymentReference } from "../modules/disbursements/reference";
import { SHOWN_LINES, type Outcome } from "../modules/statements/outcomes";
import { confirmStatement, statementView } from "../modules/statements/statements.server";

// One statement's matching: the exact matches, confirmed as paid in one press, and every other
// line with the reason it was not matched (issue 14, item 4; DECISIONS 51).
export const handle: RouteHandle = { access: ["finance"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "statements.view.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "pay:disbursement");
  const view = await statementView(params.statementId ?? "");
  notFoundUnless(view);
  const search = new URL(request.url).searchParams;
  const number = (name: string) => {
    const value = Number(search.get(name));
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  };
  return { ...view, repeat: search.get("repeat") === "1", skipped: number("skipped"), paid: search.has("paid") ? (number("paid") ?? 0) : null, refused: number("refused") ?? 0 };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "pay:disbursement");
  const id = params.statementId ?? "";
  const form = await parseForm(request, emptySchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const locale = await getLocale(request, user.locale);
  const result = await confirmStatement(id, { user: { ...user, locale }, ip: context?.ip ?? "" });
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect(`/finance/statements/${id}?paid=${result.paid}&refused=${result.refused}`);
}

export default function StatementMatching() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { statement } = view;
  return (
    <section>
      <p>
        <Link to="/finance/statements">{t("statements.title")}</Link>
      </p>
      <h1>{t("statements.view.title")}</h1>
      {view.repeat ? <Notice>{t("statements.view.repeat")}</Notice> : null}
      {view.skipped ? <Notice>{t("statements.view.skipped", { count: view.skipped })}</Notice> : null}
      {view.paid !== null ? <Notice>{t("statements.view.confirmed", { paid: view.paid, refused: view.refused })}</Notice> : null}
      <FormError error={answer?.errors[""]} />
      <p>{t("statements.view.summary", { file: statement.fileName, format: t(`statements.format.${statement.format}`), lines: statement.lineCount })}</p>
      <p>{t("statements.view.counts", { waiting: view.waiting, confirmed: view.confirmed, unmatched: view.unmatched })}</p>

      <h2>{t("statements.view.matches")}</h2>
      {view.matches.length === 0 ? (
        <p>{t("statements.view.noMatches")}</p>
      ) : (
        <>
          {view.waiting + view.confirmed > SHOWN_LINES ? <p>{t("statements.view.more", { shown: SHOWN_LINES, total: view.waiting + view.confirmed })}</p> : null}
          <LineTable lines={view.matches} label={t("statements.view.matches")} />
        </>
      )}
      {view.waiting > 0 ? (
        <Form method="post" className="stack">
          <p className="hint">{t("statements.view.confirmHint")}</p>
          <div>
            <button type="submit">{t("statements.view.confirm", { count: view.waiting })}</button>
          </div>
        </Form>
      ) : null}

      <h2>{t("statements.view.others")}</h2>
      {view.others.length === 0 ? (
        <p>{t("statements.view.noOthers")}</p>
      ) : (
        <>
          {view.unmatched > SHOWN_LINES ? <p>{t("statements.view.more", { shown: SHOWN_LINES, total: view.unmatched })}</p> : null}
          <LineTable lines={view.others} label={t("statements.view.others")} />
        </>
      )}
    </section>
  );
}

type Line = ReturnType<typeof useLoaderData<typeof loader>>["matches"][number];

function LineTable({ lines, label }: { lines: Line[]; label: string }) {
  const t = useT();
  const columns: Column<Line>[] = [
    { header: t("statements.col.line"), cell: (line) => line.position, numeric: true },
    { header: t("statements.col.date"), cell: (line) => formatDate(line.valueDate, t.locale) },
    { header: t("statements.col.reference"), cell: (line) => line.reference },
    { header: t("statements.col.amount"), cell: (line) => (line.direction === "debit" ? "−" : "+") + formatMoney(line.amount, t.locale), numeric: true },
    { header: t("statements.col.description"), cell: (line) => line.description },
    {
      header: t("statements.col.disbursement"),
      cell: (line) => (line.disbursementId ? <Link to={`/finance/disbursements/${line.disbursementId}`}>{paymentReference(line.disbursementId, 0).split(" ")[1]}</Link> : null),
    },
    {
      header: t("statements.col.reason"),
      cell: (line) => (line.outcome === "match" ? (line.confirmedAt ? t("statements.paidMark") : "") : t(`statements.outcome.${line.outcome as Exclude<Outcome, "match">}`)),
    },
  ];
  return <DataTable rows={lines} columns={columns} rowKey={(line) => String(line.position)} label={label} />;
}
