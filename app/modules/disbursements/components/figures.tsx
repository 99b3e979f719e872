import { Money } from "../../../components/ui/money";
import { useT } from "../../../i18n/use-t";

export interface FiguresProps {
  awarded: bigint;
  prepared: bigint;
  approved: bigint;
  paid: bigint;
  returned: bigint;
  netPaid: bigint;
  remaining: bigint;
}

/** A grant's money at a glance: awarded, prepared, approved, paid, returned, net paid, remaining. */
export function LedgerFigures({ figures }: { figures: FiguresProps }) {
  const t = useT();
  return (
    <dl className="card figures">
      <dt>{t("finance.figures.awarded")}</dt>
      <dd>
        <Money amount={figures.awarded} />
      </dd>
      <dt>{t("finance.figures.prepared")}</dt>
      <dd>
        <Money amount={figures.prepared} />
      </dd>
      <dt>{t("finance.figures.approved")}</dt>
      <dd>
        <Money amount={figures.approved} />
      </dd>
      <dt>{t("finance.figures.paid")}</dt>
      <dd>
        <Money amount={figures.paid} />
      </dd>
      <dt>{t("finance.figures.returned")}</dt>
      <dd>
        <Money amount={figures.returned} />
      </dd>
      <dt>{t("finance.figures.netPaid")}</dt>
      <dd>
        <Money amount={figures.netPaid} />
      </dd>
      <dt>{t("finance.figures.remaining")}</dt>
      <dd>
        <strong>
          <Money amount={figures.remaining} />
        </strong>
      </dd>
    </dl>
  );
}
