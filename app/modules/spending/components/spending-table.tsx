import { DataTable } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { StatusBadge } from "../../../components/ui/status-badge";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { LineFlag } from "../spending.schema";

export interface SpendingRow {
  budgetLine: { id: string; item: string; total: bigint };
  line: { id: string; amount: bigint; spentOn: string; receiptName: string | null; hasReceipt: boolean } | null;
  earlier: bigint;
  toDate: bigint;
  flag: LineFlag;
}

/**
 * The report line by line against the budget: what this report says, what was spent to date and
 * its flag (more than 20 % over the line, or under it at the final report), with the receipt.
 */
export function SpendingTable({
  rows,
  receiptHref,
  remove,
  showFlags,
}: {
  rows: readonly SpendingRow[];
  receiptHref: (lineId: string) => string;
  /** With the group's editable report: a button per receipt that removes it. */
  remove?: boolean;
  showFlags?: boolean;
}) {
  const t = useT();
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.budgetLine.id}
      caption={t("spending.table.caption")}
      columns={[
        { header: t("spending.table.item"), rowHeader: true, cell: (row) => row.budgetLine.item },
        { header: t("spending.table.budget"), numeric: true, cell: (row) => <Money amount={row.budgetLine.total} /> },
        { header: t("spending.table.thisReport"), numeric: true, cell: (row) => (row.line ? <Money amount={row.line.amount} /> : "—") },
        { header: t("spending.table.date"), cell: (row) => (row.line ? formatDate(row.line.spentOn) : "—") },
        { header: t("spending.table.toDate"), numeric: true, cell: (row) => <Money amount={row.toDate} /> },
        ...(showFlags
          ? [
              {
                header: t("spending.table.flag"),
                cell: (row: SpendingRow) =>
                  row.flag === "over" ? (
                    <StatusBadge tone="bad">{t("spending.flag.over")}</StatusBadge>
                  ) : row.flag === "under" ? (
                    <StatusBadge tone="bad">{t("spending.flag.under")}</StatusBadge>
                  ) : (
                    t("spending.flag.none")
                  ),
              },
            ]
          : []),
        {
          header: t("spending.table.receipt"),
          cell: (row) =>
            row.line?.hasReceipt ? (
              <>
                <a href={receiptHref(row.line.id)}>{row.line.receiptName || t("spending.table.receiptLink")}</a>
                {remove ? (
                  <>
                    {" "}
                    <button type="submit" form="spending-remove" name="intent" value={`remove-receipt:${row.line.id}`} className="secondary">
                      {t("spending.receipt.remove")}
                    </button>
                  </>
                ) : null}
              </>
            ) : row.line ? (
              t("spending.table.noReceipt")
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}
