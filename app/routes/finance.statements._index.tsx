import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable } from "../components/ui/data-table";
import { Field, FormError } from "../components/ui/field";
import { readForm, type FieldErrors } from "../forms/parse-form.server";
import { formatDateTime } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { TOO_LARGE } from "../infra/body.server";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { MAX_STATEMENT_BYTES } from "../modules/statements/formats.server";
import { importStatement, listStatements } from "../modules/statements/statements.server";

// Finance uploads the programme account's bank statement (issue 14, item 4; DECISIONS 51); the
// matching is shown on the statement's own page.
export const handle: RouteHandle = { access: ["finance"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "statements.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "pay:disbursement");
  return { statements: await listStatements() };
}

// The file plus the form's few fields; a larger body is refused as it streams in.
const UPLOAD_LIMIT = MAX_STATEMENT_BYTES + 64 * 1024;

const refused = (errors: FieldErrors, status: number) => data({ errors }, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "pay:disbursement");
  const body = await readForm(request, UPLOAD_LIMIT);
  if (body === TOO_LARGE) return refused({ file: "statements.errors.tooLarge" }, 413);
  if (!(body instanceof FormData)) return refused({ "": body }, 400);
  const file = body.get("file");
  if (!(file instanceof File) || file.size === 0) return refused({ file: "statements.errors.fileRequired" }, 400);
  const locale = await getLocale(request, user.locale);
  const result = await importStatement(new Uint8Array(await file.arrayBuffer()), file.name, { user: { ...user, locale }, ip: context?.ip ?? "" });
  if (!result.ok) return refused(result.errors, result.status);
  const query = result.repeat ? "?repeat=1" : result.skipped > 0 ? `?skipped=${result.skipped}` : "";
  return redirect(`/finance/statements/${result.id}${query}`);
}

export default function Statements() {
  const t = useT();
  const { statements } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/finance">{t("statements.back")}</Link>
      </p>
      <h1>{t("statements.title")}</h1>
      <p>{t("statements.intro")}</p>
      <FormError error={answer?.errors[""]} />
      <Form method="post" encType="multipart/form-data" className="stack">
        <Field
          name="file"
          label={t("statements.file")}
          hint={t("statements.formats")}
          type="file"
          accept=".csv,.xlsx,.xml,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          error={answer?.errors.file}
        />
        <div>
          <button type="submit">{t("statements.upload")}</button>
        </div>
      </Form>
      <h2 id="recent-statements">{t("statements.recent")}</h2>
      <DataTable
        rows={statements}
        rowKey={(s) => s.id}
        empty={t("statements.none")}
        labelledBy="recent-statements"
        columns={[
          { header: t("statements.col.file"), cell: (s) => <Link to={`/finance/statements/${s.id}`}>{s.fileName || t("statements.open")}</Link>, rowHeader: true },
          { header: t("statements.col.format"), cell: (s) => t(`statements.format.${s.format}`) },
          { header: t("statements.col.lines"), cell: (s) => s.lineCount, numeric: true },
          { header: t("statements.col.importedAt"), cell: (s) => formatDateTime(s.importedAt, t.locale) },
          { header: t("statements.col.state"), cell: (s) => t(s.confirmedAt ? "statements.state.confirmed" : "statements.state.open") },
        ]}
      />
    </section>
  );
}
