import { messageLanguage } from "../modules/notifications/message-language";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime, formatPhone } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { isUuid } from "../kernel/ids";
import { notFoundUnless, requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { findOutboxMessage } from "../modules/notifications/notifications.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "outbox.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:outbox");
  const message = isUuid(params.id) ? await findOutboxMessage(params.id) : null;
  notFoundUnless(message);
  // The plain-text part is shown: the HTML part would need its own sandbox to display safely.
  return { message: { ...message, html: undefined } };
}

export default function OutboxMessage() {
  const t = useT();
  const { message } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to="/admin/outbox">{t("common.back")}</Link>
      </p>
      <h1>{message.subject ? <span lang={messageLanguage(message.subject)}>{message.subject}</span> : t(`outbox.channel.${message.channel}`)}</h1>
      <dl>
        <dt>{t("outbox.channel")}</dt>
        <dd>{t(`outbox.channel.${message.channel}`)}</dd>
        <dt>{t("outbox.to")}</dt>
        <dd>{formatPhone(message.toAddress)}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{formatDateTime(message.createdAt, t.locale)}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>{t(`outbox.status.${message.status}`)}</dd>
        {message.deliveredAt ? (
          <>
            <dt>{t("outbox.delivered")}</dt>
            <dd>{formatDateTime(message.deliveredAt, t.locale)}</dd>
          </>
        ) : null}
        {message.segments ? (
          <>
            <dt>{t("outbox.segments")}</dt>
            <dd>{message.segments}</dd>
          </>
        ) : null}
        {message.fallbackOf ? (
          <>
            <dt>{t("outbox.fallbackOf")}</dt>
            <dd>
              <Link to={`/admin/outbox/${message.fallbackOf}`}>{message.fallbackOf.slice(0, 8)}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t("outbox.body")}</h2>
      <pre className="mail" tabIndex={0} lang={messageLanguage(message.text)}>
        {message.text}
      </pre>
    </section>
  );
}
