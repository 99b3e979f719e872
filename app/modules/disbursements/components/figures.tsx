import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";

export interface FiguresProps {
  awarded: bigint;
  prepared: bigint;
  approved: bigint;
  paid: bigint;
  remaining: bigint;
}

/** A grant's money at a glance: awarded, prepared, approved, paid, remaining. */
export function LedgerFigures({ figures }: { figures: FiguresProps }) {
  const t = useT();
  const money = (amount: bigint) => formatMoney(amount, t.locale);
  return (
    <dl className="card figures">
      <dt>{t("finance.figures.awarded")}</dt>
      <dd>{money(figures.awarded)}</dd>
      <dt>{t("finance.figures.prepared")}</dt>
      <dd>{money(figures.prepared)}</dd>
      <dt>{t("finance.figures.approved")}</dt>
      <dd>{money(figures.approved)}</dd>
      <dt>{t("finance.figures.paid")}</dt>
      <dd>{money(figures.paid)}</dd>
      <dt>{t("finance.figures.remaining")}</dt>
      <dd>
        <strong>{money(figures.remaining)}</strong>
      </dd>
    </dl>
  );
}
