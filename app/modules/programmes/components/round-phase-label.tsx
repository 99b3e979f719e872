import { StatusBadge } from "../../../components/ui/status-badge";
import { formatDateTime } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { roundPhase } from "../round-phase";
import type { RoundStatus } from "../machine";
import { roundPhaseTone } from "../status-tone";

/** "Open", "Closed since 31/12/2026 17:00" …: the status an admin set, as the clock refines it. */
export function RoundPhaseLabel({ round }: { round: { status: RoundStatus; opensAt: Date | string; closesAt: Date | string } }) {
  const t = useT();
  const phase = roundPhase(round);
  const label =
    phase === "scheduled"
      ? t("round.phase.scheduled", { date: formatDateTime(round.opensAt, t.locale) })
      : phase === "closedByDate"
        ? t("round.phase.closedByDate", { date: formatDateTime(round.closesAt, t.locale) })
        : t(`round.status.${phase}`);
  return <StatusBadge tone={roundPhaseTone(phase)}>{label}</StatusBadge>;
}
