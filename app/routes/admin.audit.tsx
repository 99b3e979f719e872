import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { pageNumber } from "../forms/query";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { AUDIT_PAGE_SIZE, listAudit } from "../modules/audit/audit.server";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit");
  const page = pageNumber(new URL(request.url));
  const rows = await listAudit({ page });
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), page, hasNext: rows.length > AUDIT_PAGE_SIZE };
}

export default function Audit() {
  const t = useT();
  const { rows, page, hasNext } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <DataTable
        rows={rows}
        rowKey={(row) => String(row.id)}
        empty={t("audit.empty")}
        label={t("audit.title")}
        pager={{ page, hasNext }}
        columns={[
          { header: t("audit.at"), cell: (row) => formatDateTime(row.at, t.locale) },
          {
            header: t("audit.actor"),
            cell: (row) => (
              <>
                {row.actor?.name ?? t("audit.system")}
                {row.onBehalfOf ? <span className="muted"> ({row.onBehalfOf})</span> : null}
              </>
            ),
          },
          { header: t("audit.action"), cell: (row) => row.action },
          { header: t("audit.entity"), cell: (row) => `${row.entityType}${row.entityId ? ` ${row.entityId}` : ""}` },
          { header: t("audit.ip"), cell: (row) => row.ip },
          { header: t("audit.details"), cell: (row) => (row.data ? <code>{JSON.stringify(row.data)}</code> : null) },
        ]}
      />
    </section>
  );
}
