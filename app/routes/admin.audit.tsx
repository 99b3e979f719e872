import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable } from "../components/ui/data-table";
import { DateField } from "../components/ui/date-field";
import { Field } from "../components/ui/field";
import { SelectField } from "../components/ui/select-field";
import { pageNumber } from "../forms/query";
import { formatDateTime } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { readAudit, readAuditFilter } from "../modules/audit/audit-read.server";
import { AUDIT_PAGE_SIZE } from "../modules/audit/audit.server";
import { AUDIT_KINDS, auditPlace, auditSentence } from "../modules/audit/audit-sentence";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit");
  const url = new URL(request.url);
  const page = pageNumber(url);
  const filter = readAuditFilter(url);
  const rows = await readAudit(filter, { limit: AUDIT_PAGE_SIZE + 1, offset: (page - 1) * AUDIT_PAGE_SIZE });
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), page, hasNext: rows.length > AUDIT_PAGE_SIZE, filter, query: url.search };
}

export default function Audit() {
  const t = useT();
  const { rows, page, hasNext, filter, query } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="filters">
        <Field name="person" label={t("audit.person")} defaultValue={filter.person ?? ""} />
        <Field name="group" label={t("audit.group")} defaultValue={filter.group ?? ""} />
        <SelectField name="kind" label={t("audit.kind")} defaultValue={filter.kind ?? ""}>
          <option value="">{t("audit.kindAny")}</option>
          {AUDIT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`audit.entity.${kind}`)}
            </option>
          ))}
        </SelectField>
        <DateField name="from" label={t("audit.from")} defaultValue={filter.from ?? ""} />
        <DateField name="to" label={t("audit.to")} defaultValue={filter.to ?? ""} />
        <div>
          <button type="submit">{t("audit.filter")}</button>
        </div>
      </Form>
      <p>
        <a href={`/admin/audit.csv${query}`} download>
          {t("audit.csv")}
        </a>
      </p>
      <DataTable
        rows={rows}
        rowKey={(row) => String(row.id)}
        empty={t("audit.empty")}
        label={t("audit.title")}
        pager={{ page, hasNext }}
        columns={[
          { header: t("audit.at"), cell: (row) => formatDateTime(row.at, t.locale) },
          { header: t("audit.what"), cell: (row) => auditSentence(t, row) },
          { header: t("audit.ip"), cell: (row) => auditPlace(t, row.ip) },
        ]}
      />
    </section>
  );
}
