import { useT } from "../../../i18n/use-t";
import type { ImpactSlice } from "../dashboard.server";
import { filterQuery, type ExportDataset, type ImpactFilters } from "../impact.schema";
import { formatCount } from "../impact-format";

/**
 * The donor downloads for the current filters, each with its number of rows: the files are
 * streamed (the download starts at once and the browser counts the bytes as they come), so
 * saying the size beforehand is how a reader knows how long to expect.
 */
export function ExportLinks({ filters, overall }: { filters: ImpactFilters; overall: ImpactSlice }) {
  const t = useT();
  const rows: Record<ExportDataset, number> = { grants: overall.grants, disbursements: overall.disbursements, outcomes: overall.reports };
  const href = (format: "csv" | "xlsx", dataset: string) => `/admin/impact/export.${format}${filterQuery(filters, { dataset })}`;
  return (
    <section aria-labelledby="export-heading" className="export-section">
      <h2 id="export-heading">{t("impact.export.title")}</h2>
      <p>{t("impact.export.intro")}</p>
      <ul className="export-list">
        {(Object.keys(rows) as ExportDataset[]).map((dataset) => (
          <li key={dataset}>
            <strong>{t(`impact.sheet.${dataset}`)}</strong> — {t("impact.export.rows", { count: formatCount(rows[dataset], t.locale) })}:{" "}
            <a href={href("csv", dataset)} download>
              CSV
            </a>{" "}
            ·{" "}
            <a href={href("xlsx", dataset)} download>
              XLSX
            </a>
          </li>
        ))}
        <li>
          <strong>{t("impact.export.all")}</strong> —{" "}
          {t("impact.export.rows", { count: formatCount(rows.grants + rows.disbursements + rows.outcomes, t.locale) })}:{" "}
          <a href={href("xlsx", "all")} download>
            XLSX
          </a>
        </li>
      </ul>
    </section>
  );
}
