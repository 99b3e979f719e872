import { formatDate, formatDateTime } from "../../../i18n/format";
import { isMessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";

export interface HistoryEntry {
  at: Date | string;
  action: string;
  actorName: string | null;
  data: Record<string, unknown> | null;
}

// What an audit row's data may say that finance needs to read: a reason, a bank reference, a
// date, Stripe's message. Anything else stays in the audit log.
const shown = ["reason", "bankReference", "paidOn", "transferId", "message", "failureMessage"] as const;

/** A disbursement's history from the audit log, oldest first. */
export function HistoryList({ entries }: { entries: readonly HistoryEntry[] }) {
  const t = useT();
  if (entries.length === 0) return null;
  return (
    <ol className="history">
      {entries.map((entry, i) => {
        const key = `finance.history.${entry.action}`;
        const details = shown
          .map((name) => entry.data?.[name])
          .filter((v): v is string => typeof v === "string" && v.length > 0)
          .map((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v));
        return (
          <li key={i}>
            <span className="muted">{formatDateTime(entry.at, t.locale)}</span> — {isMessageKey(key) ? t.dynamic(key) : entry.action}
            {entry.actorName ? ` · ${entry.actorName}` : ` · ${t("finance.history.system")}`}
            {details.length > 0 ? <span className="muted"> ({details.join("; ")})</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
