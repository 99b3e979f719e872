import { Fragment, useId, type ReactNode } from "react";
import { useT } from "../../i18n/use-t";
import { Pager } from "./pager";

/** One column: its header, what each row shows in it, and how the cell reads. */
export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Figures: right-aligned, so amounts line up. */
  numeric?: boolean;
  /** The cell names its row (a group, a round): a row header for screen readers. */
  rowHeader?: boolean;
  /** A class for this column's cells (e.g. "pre-wrap" for text written with line breaks). */
  className?: string;
}

interface DataTableProps<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  /** Said instead of an empty table. */
  empty?: ReactNode;
  /** Names the table (shown above it); or `labelledBy`, the id of a heading that already does. */
  caption?: ReactNode;
  /** The caption is for screen readers only (a printed page whose heading already says it). */
  captionHidden?: boolean;
  labelledBy?: string;
  /** …or a name of its own, read by screen readers only. */
  label?: string;
  /** Attributes of each row (e.g. a data- attribute that tests and scripts find it by). */
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
  /** A row of its own drawn before a row (a line the list crosses there), as a <tr> element. */
  rowBefore?: (row: Row, index: number) => ReactNode;
  /** Totals under the rows, as <tr> elements. */
  footer?: ReactNode;
  /** A list longer than one page: previous / next links that keep the page's other parameters. */
  pager?: { page: number; hasNext: boolean };
  className?: string;
}

/**
 * The one way a list is drawn as a table. On a 360 px phone it scrolls sideways inside its frame
 * instead of widening the page; a named frame can be reached and scrolled with the keyboard.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { rows, columns, rowKey, empty, caption, captionHidden, labelledBy, label, rowAttributes, rowBefore, footer, pager, className } = props;
  const captionId = useId();
  const t = useT();
  const labelledById = caption ? captionId : labelledBy;
  if (rows.length === 0 && empty !== undefined) {
    return (
      <>
        <p>{empty}</p>
        {pager ? <Pager page={pager.page} hasNext={pager.hasNext} /> : null}
      </>
    );
  }
  const region = labelledById
    ? { tabIndex: 0, role: "region", "aria-labelledby": labelledById }
    : label
      ? { tabIndex: 0, role: "region", "aria-label": label }
      : {};
  return (
    <>
      {/* Shown on narrow screens only (styles.css): the table's other columns are a swipe away. */}
      {columns.length > 3 ? (
        <p className="table-scroll-hint" aria-hidden="true">
          {t("table.scrollHint")}
        </p>
      ) : null}
      <div className="table-wrap" {...region}>
        <table className={className}>
          {caption ? (
            <caption id={captionId} className={captionHidden ? "visually-hidden" : undefined}>
              {caption}
            </caption>
          ) : null}
          <thead>
            <tr>
              {columns.map((column, i) => (
                <th key={i} scope="col" className={column.numeric ? "num" : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <Fragment key={rowKey(row)}>
                {rowBefore?.(row, index)}
                <tr {...rowAttributes?.(row)}>
                  {columns.map((column, i) => {
                    const cellClass = [column.numeric ? "num" : null, column.className].filter(Boolean).join(" ") || undefined;
                    return column.rowHeader ? (
                      <th key={i} scope="row" className={cellClass}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={i} className={cellClass}>
                        {column.cell(row)}
                      </td>
                    );
                  })}
                </tr>
              </Fragment>
            ))}
          </tbody>
          {footer ? <tfoot>{footer}</tfoot> : null}
        </table>
      </div>
      {pager ? <Pager page={pager.page} hasNext={pager.hasNext} /> : null}
    </>
  );
}
