import { useT } from "../../../i18n/use-t";

export interface TimelineItem {
  /** Formatted on the server (dd/mm/yyyy hh:mm), so the page needs no date code. */
  when: string;
  what: string;
  by: string | null;
  onBehalf: boolean;
}

/** The changes of status, oldest first, each with when and (for the group's own steps) by whom. */
export function Timeline({ entries }: { entries: TimelineItem[] }) {
  const t = useT();
  if (entries.length === 0) return <p className="muted">{t("applications.timeline.empty")}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry, i) => (
        <li key={i}>
          <span className="muted">{entry.when}</span> — {t.dynamic(entry.what)}
          {entry.by ? ` (${t(entry.onBehalf ? "applications.timeline.byFacilitator" : "applications.timeline.by", { name: entry.by })})` : null}
        </li>
      ))}
    </ol>
  );
}
