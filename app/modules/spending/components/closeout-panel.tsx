import { Link } from "@remix-run/react";
import { Money } from "../../../components/ui/money";
import { StatusBadge } from "../../../components/ui/status-badge";
import { useT } from "../../../i18n/use-t";
import { spendingTone } from "../status-tone";
import type { SpendingStatus } from "../machine";

interface Period {
  key: string;
  labelVi: string;
  labelEn: string;
  isFinal: boolean;
  status: SpendingStatus | null;
}

interface CloseOutView {
  finalOutcomeStatus: string | null;
  finalSpendingStatus: string | null;
  paid: bigint;
  returned: bigint;
  refunded: bigint;
  spent: bigint;
  inFlight: boolean;
  owed: boolean;
  settled: boolean;
}

/**
 * On the grant's page: its spending reports, one per period, and its close-out — the closure
 * letter once closed; for staff, what close-out still waits for, with the money's balance.
 */
export function CloseOutPanel({ grantId, periods, closed, closeOut }: { grantId: string; periods: readonly Period[]; closed: boolean; closeOut: CloseOutView | null }) {
  const t = useT();
  const check = (ok: boolean) => (ok ? t("spending.closeout.done") : t("spending.closeout.notYet"));
  return (
    <section className="no-print" aria-labelledby="spending-heading">
      <h2 id="spending-heading">{t("spending.panel.heading")}</h2>
      {periods.length === 0 ? <p>{t("spending.panel.none")}</p> : null}
      <ul>
        {periods.map((p) => (
          <li key={p.key}>
            <Link to={`/grants/${grantId}/spending/${encodeURIComponent(p.key)}`}>{t("spending.page.heading", { report: t.locale === "en" ? p.labelEn : p.labelVi })}</Link>
            {p.isFinal ? ` (${t("spending.panel.final")})` : ""}{" "}
            <StatusBadge tone={spendingTone(p.status)}>{t.dynamic(`spending.status.${p.status ?? "none"}`)}</StatusBadge>
          </li>
        ))}
      </ul>
      <h2>{t("spending.closeout.heading")}</h2>
      {closed ? (
        <p>
          {t("spending.closeout.closed")} <Link to={`/grants/${grantId}/closure`}>{t("spending.closeout.letter")}</Link>
        </p>
      ) : (
        <p>{t("spending.closeout.intro")}</p>
      )}
      {closeOut && !closed ? (
        <ul>
          <li>
            {t("spending.closeout.finalOutcome")} {check(closeOut.finalOutcomeStatus === "approved")}
          </li>
          <li>
            {t("spending.closeout.finalSpending")} {check(closeOut.finalSpendingStatus === "approved")}
          </li>
          <li>
            {t("spending.closeout.nothingMoving")} {check(!closeOut.inFlight && !closeOut.owed)}
          </li>
          <li>
            {t("spending.closeout.settled")} {check(closeOut.settled)}
            <br />
            <span className="muted">
              {t("spending.closeout.paid")} <Money amount={closeOut.paid} /> − {t("spending.closeout.returned")} <Money amount={closeOut.returned} /> ·{" "}
              {t("spending.closeout.spent")} <Money amount={closeOut.spent} /> + {t("spending.closeout.refunded")} <Money amount={closeOut.refunded} />
            </span>
          </li>
        </ul>
      ) : null}
    </section>
  );
}
