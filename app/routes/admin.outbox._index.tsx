import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "../components/ui/pager";
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
      {messages.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
                <th scope="col">{t("outbox.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt, t.locale)}</td>
                  <td>{m.toAddress}</td>
                  <td>
                    <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>
                    {t(`outbox.status.${m.status}`)}
                    {m.lastError ? <span className="muted"> — {m.lastError}</span> : null}
                  </td>
                  <td>{m.attempts}</td>
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
