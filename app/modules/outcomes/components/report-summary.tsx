import { formatMoneyWithWords } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { formatHa, formatQuantity } from "../outcomes.schema";
import type { SavedReport } from "./report-values";

/** A report's figures, read-only: for the group once it is sent, and for staff reviewing it. */
export function ReportSummary({ report }: { report: SavedReport }) {
  const t = useT();
  const none = t("outcomes.summary.none");
  return (
    <dl className="card">
      <dt>{t("outcomes.field.avgMonthlyIncome")}</dt>
      <dd>{report.avgMonthlyIncome === null ? none : formatMoneyWithWords(report.avgMonthlyIncome, t.locale)}</dd>
      <dt>{t("outcomes.field.sales")}</dt>
      <dd>{report.sales === null ? none : formatMoneyWithWords(report.sales, t.locale)}</dd>
      <dt>{t("outcomes.field.womenEarning")}</dt>
      <dd>{report.womenEarning ?? none}</dd>
      <dt>{t("outcomes.field.areaHa")}</dt>
      <dd>{report.areaSqm === null ? none : t("outcomes.summary.ha", { ha: formatHa(report.areaSqm, t.locale) })}</dd>
      <dt>{t("outcomes.field.quantityProduced")}</dt>
      <dd>{report.quantityProduced === null ? none : `${formatQuantity(report.quantityProduced, t.locale)} ${report.quantityUnit}`}</dd>
      <dt>{t("outcomes.field.story")}</dt>
      <dd className="pre-wrap">{report.story || none}</dd>
    </dl>
  );
}
