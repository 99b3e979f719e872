import { messageLanguage } from "../modules/notifications/message-language";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Filters } from "../components/ui/filters";
import { SelectField } from "../components/ui/select-field";
import { pageNumber } from "../forms/query";
import { formatDateTime, formatPhone } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listOutbox, OUTBOX_CHANNELS, OUTBOX_PAGE_SIZE, outboxChannel, outboxSummary } from "../modules/notifications/notifications.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:outbox");
  const url = new URL(request.url);
  const page = pageNumber(url);
  const channel = outboxChannel(url.searchParams.get("channel"));
  const [rows, summary] = await Promise.all([listOutbox(page, channel), outboxSummary()]);
  return {
    page,
    channel,
    channels: OUTBOX_CHANNELS,
    summary,
    hasNext: rows.length > OUTBOX_PAGE_SIZE,
    messages: rows.slice(0, OUTBOX_PAGE_SIZE).map((m) => ({
      id: m.id,
      channel: m.channel,
      toAddress: m.toAddress,
      // A phone message has no subject: its first words stand for it.
      subject: m.subject || m.text.slice(0, 60),
      status: m.status,
      createdAt: m.createdAt,
      attempts: m.attempts,
      segments: m.segments,
      lastError: m.lastError,
    })),
  };
}

export default function Outbox() {
  const t = useT();
  const { messages, page, hasNext, channel, channels, summary } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <p>{t("outbox.segmentsMonth", { n: summary.segmentsThisMonth })}</p>
      <ul className="inline-list">
        {summary.byState.map((s) => (
          <li key={`${s.channel}-${s.status}`}>
            {t("outbox.byState", { channel: t(`outbox.channel.${s.channel}`), status: t(`outbox.status.${s.status}`), n: s.n })}
          </li>
        ))}
      </ul>
      <Filters submitLabel={t("outbox.filter")}>
        <SelectField name="channel" label={t("outbox.channel")} defaultValue={channel ?? ""}>
          <option value="">{t("outbox.allChannels")}</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {t(`outbox.channel.${c}`)}
            </option>
          ))}
        </SelectField>
      </Filters>
      <DataTable
        rows={messages}
        rowKey={(m) => m.id}
        empty={t("outbox.empty")}
        pager={{ page, hasNext }}
        columns={[
          { header: t("outbox.created"), cell: (m) => formatDateTime(m.createdAt, t.locale) },
          { header: t("outbox.channel"), cell: (m) => t(`outbox.channel.${m.channel}`) },
          { header: t("outbox.to"), cell: (m) => formatPhone(m.toAddress) },
          {
            header: t("outbox.subject"),
            cell: (m) => (
              <Link to={`/admin/outbox/${m.id}`} lang={messageLanguage(m.subject)}>
                {m.subject}
              </Link>
            ),
          },
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
          { header: t("outbox.segments"), numeric: true, cell: (m) => m.segments ?? "" },
        ]}
      />
    </section>
  );
}
