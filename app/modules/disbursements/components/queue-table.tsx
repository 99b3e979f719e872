import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Pager } from "../../../components/ui/pager";
import type { MessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";

/**
 * One section of the finance queue (`/finance`): a heading, its table or the "nothing here"
 * line, and below it either a link to the whole section (on the overview) or its pager (when the
 * section is shown alone). The rows are the caller's; the table scrolls sideways at 360 px.
 */
export function QueueTable<Row>(props: {
  id: string;
  title: MessageKey;
  empty: MessageKey;
  columns: MessageKey[];
  rows: Row[];
  row: (row: Row) => ReactNode;
  hasNext: boolean;
  /** The section shown alone, paginated, at this page; null on the overview. */
  alonePage: number | null;
}) {
  const t = useT();
  const { id, rows, hasNext, alonePage } = props;
  return (
    <>
      <h2 id={id}>{t(props.title)}</h2>
      {rows.length === 0 ? (
        <p>{t(props.empty)}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
          <table>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th scope="col" key={column}>
                    {t(column)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows.map(props.row)}</tbody>
          </table>
        </div>
      )}
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
