import { Link } from "@remix-run/react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { DataTable, type Column } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { formatScore } from "../scoreboard-format";
import type { ScoreboardView } from "../scoreboard.schema";
import type { ScoreboardRound, ScoreboardRow } from "../scoreboard.server";

type Row = ScoreboardRow & { decidable: boolean };

interface ScoreboardTableProps {
  round: Pick<ScoreboardRound, "id" | "budget" | "criteria" | "reviewersPerApplication">;
  /** Rows that can still be decided get a box for the batch form. */
  rows: Row[];
  view: ScoreboardView;
  page: number;
  lastPage: boolean;
  /** The batch form's checkbox registration. */
  selectBox: UseFormRegisterReturn;
}

/**
 * The ranked list. In rank order the funding line is drawn as a row of its own before the first
 * application the budget no longer reaches; in other orders each row says whether it is reached.
 */
export function ScoreboardTable({ round, rows, view, page, lastPage, selectBox }: ScoreboardTableProps) {
  const t = useT();
  const money = (amount: bigint) => formatMoney(amount, t.locale);
  const inRankOrder = view.sort === "score" && view.dir === "desc";
  const lineBefore = inRankOrder ? rows.findIndex((row) => !row.withinBudget) : -1;
  // On a later page the line may fall between pages: drawn only where both sides are shown.
  const drawLineAt = lineBefore > 0 || (lineBefore === 0 && page === 1) ? lineBefore : -1;
  const span = 9 + round.criteria.length;
  const fundingLine = (text: string) => (
    <tr className="funding-line">
      <th colSpan={span} scope="rowgroup">
        {text}
      </th>
    </tr>
  );
  const columns: Column<Row>[] = [
    {
      header: t("scoreboard.col.select"),
      cell: (row) =>
        row.decidable ? <input type="checkbox" value={row.id} aria-label={t("scoreboard.selectOne", { title: row.title })} {...selectBox} /> : null,
    },
    { header: t("scoreboard.col.rank"), cell: (row) => row.rank },
    {
      header: t("scoreboard.col.application"),
      cell: (row) => (
        <>
          <strong>{row.groupName}</strong>
          <br />
          <Link to={`/admin/rounds/${round.id}/decisions/${row.id}`}>{row.title}</Link>
        </>
      ),
    },
    { header: t("scoreboard.col.score"), cell: (row) => formatScore(row.score, t.locale) },
    ...round.criteria.map((c): Column<Row> => ({
      header: (
        <>
          {t.locale === "en" ? c.labelEn : c.labelVi} <span className="muted">({t("scoreboard.col.outOf", { max: c.maxScore })})</span>
        </>
      ),
      cell: (row) => formatScore(row.criterionMeans[String(c.position)], t.locale),
    })),
    {
      header: t("scoreboard.col.spread"),
      cell: (row) => (
        <>
          {formatScore(row.spread, t.locale)}
          {row.flagged ? (
            <>
              {" "}
              <strong className="flag">{t("scoreboard.flagged")}</strong>
            </>
          ) : null}
        </>
      ),
    },
    {
      header: t("scoreboard.col.reviews"),
      cell: (row) =>
        row.reviewsOverride ? (
          <>
            {t("scoreboard.reviewsDone", { done: row.reviewsDone, needed: round.reviewersPerApplication })}
            <br />
            <span className="muted">{t("scoreboard.reviewsOverride", { reason: row.reviewsOverride })}</span>
          </>
        ) : (
          t("scoreboard.reviewsDone", { done: row.reviewsDone, needed: round.reviewersPerApplication })
        ),
    },
    { header: t("scoreboard.col.requested"), cell: (row) => <Money amount={row.requestedAmount} /> },
    {
      header: t("scoreboard.col.running"),
      cell: (row) => (
        <>
          <Money amount={row.runningTotal} />
          <br />
          <span className="muted">{row.withinBudget ? t("scoreboard.withinBudget") : t("scoreboard.overBudget")}</span>
        </>
      ),
    },
    {
      header: t("scoreboard.col.decision"),
      cell: (row) => (
        <>
          {row.outcome ? t(`decisions.outcome.${row.outcome}`) : t("scoreboard.undecided")}
          {row.awardedAmount !== null ? (
            <>
              <br />
              <Money amount={row.awardedAmount} />
            </>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      rowAttributes={(row) => ({ "data-application": row.id })}
      caption={t("scoreboard.caption")}
      className="scoreboard"
      columns={columns}
      rowBefore={(_row, index) => (index === drawLineAt ? fundingLine(t("scoreboard.fundingLine", { budget: money(round.budget) })) : null)}
      footer={
        inRankOrder && lastPage && drawLineAt === -1 && rows.length > 0 && rows.every((r) => r.withinBudget)
          ? fundingLine(t("scoreboard.allWithinBudget", { budget: money(round.budget) }))
          : null
      }
    />
  );
}
