import { Link } from "@remix-run/react";
import { DataTable, type Column } from "../../../components/ui/data-table";
import { Pager } from "../../../components/ui/pager";
import type { MessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";

/**
 * One section of the finance queue (`/finance`): a heading, its table or the "nothing here"
 * line, and below it either a link to the whole section (on the overview) or its pager (when the
 * section is shown alone). The columns are the caller's; the table scrolls sideways at 360 px.
 */
export function QueueTable<Row>(props: {
  id: string;
  title: MessageKey;
  empty: MessageKey;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  hasNext: boolean;
  /** The section shown alone, paginated, at this page; null on the overview. */
  alonePage: number | null;
}) {
  const t = useT();
  const { id, rows, hasNext, alonePage } = props;
  return (
    <>
      <h2 id={id}>{t(props.title)}</h2>
      <DataTable rows={rows} rowKey={props.rowKey} columns={props.columns} empty={t(props.empty)} labelledBy={id} />
      {alonePage !== null ? (
        <Pager page={alonePage} hasNext={hasNext} />
      ) : hasNext ? (
        <p>
          <Link to={`?section=${id}`}>{t("finance.queue.more")}</Link>
        </p>
      ) : null}
    </>
  );
}
