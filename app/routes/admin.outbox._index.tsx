import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { pageNumber } from "../forms/query";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listOutbox, OUTBOX_PAGE_SIZE } from "../modules/notifications/notifications.server";

export const handle: RouteHandle = { access: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:outbox");
  const page = pageNumber(new URL(request.url));
  const rows = await listOutbox(page);
  return {
    page,
    hasNext: rows.length > OUTBOX_PAGE_SIZE,
    messages: rows.slice(0, OUTBOX_PAGE_SIZE).map(({ id, toAddress, subject, status, createdAt, attempts, lastError }) => ({
      id,
      toAddress,
      subject,
      status,
      createdAt,
      attempts,
      lastError,
    })),
  };
}

export default function Outbox() {
  const t = useT();
  const { messages, page, hasNext } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <DataTable
        rows={messages}
        rowKey={(m) => m.id}
        empty={t("outbox.empty")}
        pager={{ page, hasNext }}
        columns={[
          { header: t("outbox.created"), cell: (m) => formatDateTime(m.createdAt, t.locale) },
          { header: t("outbox.to"), cell: (m) => m.toAddress },
          { header: t("outbox.subject"), cell: (m) => <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link> },
          {
            header: t("outbox.status"),
            cell: (m) => (
              <>
                {t(`outbox.status.${m.status}`)}
                {m.lastError ? <span className="muted"> — {m.lastError}</span> : null}
              </>
            ),
          },
          { header: t("outbox.attempts"), numeric: true, cell: (m) => m.attempts },
        ]}
      />
    </section>
  );
}
