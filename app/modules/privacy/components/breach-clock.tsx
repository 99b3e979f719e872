import { StatusBadge } from "../../../components/ui/status-badge";
import { formatDateTime } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";

/**
 * A breach's 72-hour deadline and where it stands, as the server computed it when the page was
 * read: hours left, hours overdue, or when the authority was told.
 */
export function BreachClock({ deadline, notifiedAt, left }: { deadline: Date | string; notifiedAt: Date | string | null; left: number | null }) {
  const t = useT();
  if (notifiedAt) return <p>{t("privacyRegister.breaches.notified", { date: formatDateTime(notifiedAt, t.locale) })}</p>;
  const hours = Math.floor(Math.abs(left ?? 0) / 3600_000);
  return (
    <p>
      {t("privacyRegister.breaches.deadline", { date: formatDateTime(deadline, t.locale) })}{" "}
      {left !== null && left >= 0 ? (
        <StatusBadge tone="waiting">{t("privacyRegister.breaches.left", { hours })}</StatusBadge>
      ) : (
        <StatusBadge tone="bad">{t("privacyRegister.breaches.overdue", { hours })}</StatusBadge>
      )}
    </p>
  );
}
