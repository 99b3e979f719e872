import { DataTable } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { useT } from "../../../i18n/use-t";

export interface BudgetLineView {
  item: string;
  quantity: number;
  unitCost: bigint;
  total: bigint;
}

/**
 * An application's budget lines, as the group reviews them before submitting, as staff screen
 * them and as reviewers score them: one table everywhere, so a line reads the same to all.
 */
export function BudgetTable({ lines, labelledBy, empty }: { lines: readonly BudgetLineView[]; labelledBy?: string; empty?: string }) {
  const t = useT();
  return (
    <DataTable
      rows={lines.map((line, position) => ({ ...line, position }))}
      rowKey={(line) => String(line.position)}
      empty={empty}
      labelledBy={labelledBy}
      label={labelledBy ? undefined : t("applications.summary.linesTable")}
      columns={[
        { header: t("applications.field.item"), cell: (line) => line.item },
        { header: t("applications.budget.quantity"), numeric: true, cell: (line) => line.quantity },
        { header: t("applications.budget.unitCost"), numeric: true, cell: (line) => <Money amount={line.unitCost} /> },
        { header: t("applications.summary.lineTotal"), numeric: true, cell: (line) => <Money amount={line.total} /> },
      ]}
    />
  );
}
