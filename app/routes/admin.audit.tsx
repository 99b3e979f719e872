import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager } from "../components/ui/pager";
import { pageNumber } from "../forms/query";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { AUDIT_PAGE_SIZE, listAudit } from "../modules/audit/audit.server";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

export const handle: RouteHandle = { access: ["admin"] };

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
      {rows.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("audit.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.ip")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.at, t.locale)}</td>
                  <td>
                    {row.actor?.name ?? t("audit.system")}
                    {row.onBehalfOf ? <span className="muted"> ({row.onBehalfOf})</span> : null}
                  </td>
                  <td>{row.action}</td>
                  <td>
                    {row.entityType}
                    {row.entityId ? ` ${row.entityId}` : ""}
                  </td>
                  <td>{row.ip}</td>
                  <td>{row.data ? <code>{JSON.stringify(row.data)}</code> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
