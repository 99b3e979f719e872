import { Link } from "@remix-run/react";
import { Fragment } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { formatScore } from "../scoreboard-format";
import type { ScoreboardView } from "../scoreboard.schema";
import type { ScoreboardRound, ScoreboardRow } from "../scoreboard.server";

interface ScoreboardTableProps {
  round: Pick<ScoreboardRound, "id" | "budget" | "criteria" | "reviewersPerApplication">;
  /** Rows that can still be decided get a box for the batch form. */
  rows: (ScoreboardRow & { decidable: boolean })[];
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
  const columns = 9 + round.criteria.length;
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted">{t("scoreboard.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("scoreboard.col.select")}</th>
            <th scope="col">{t("scoreboard.col.rank")}</th>
            <th scope="col">{t("scoreboard.col.application")}</th>
            <th scope="col">{t("scoreboard.col.score")}</th>
            {round.criteria.map((c) => (
              <th scope="col" key={c.position}>
                {t.locale === "en" ? c.labelEn : c.labelVi} <span className="muted">({t("scoreboard.col.outOf", { max: c.maxScore })})</span>
              </th>
            ))}
            <th scope="col">{t("scoreboard.col.spread")}</th>
            <th scope="col">{t("scoreboard.col.reviews")}</th>
            <th scope="col">{t("scoreboard.col.requested")}</th>
            <th scope="col">{t("scoreboard.col.running")}</th>
            <th scope="col">{t("scoreboard.col.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <Fragment key={row.id}>
              {index === drawLineAt ? (
                <tr className="funding-line">
                  <th colSpan={columns} scope="rowgroup">
                    {t("scoreboard.fundingLine", { budget: money(round.budget) })}
                  </th>
                </tr>
              ) : null}
              <tr data-application={row.id}>
                <td>
                  {row.decidable ? (
                    <input type="checkbox" value={row.id} aria-label={t("scoreboard.selectOne", { title: row.title })} {...selectBox} />
                  ) : null}
                </td>
                <td>{row.rank}</td>
                <td>
                  <strong>{row.groupName}</strong>
                  <br />
                  <Link to={`/admin/rounds/${round.id}/decisions/${row.id}`}>{row.title}</Link>
                </td>
                <td>{formatScore(row.score, t.locale)}</td>
                {round.criteria.map((c) => (
                  <td key={c.position}>{formatScore(row.criterionMeans[String(c.position)], t.locale)}</td>
                ))}
                <td>
                  {formatScore(row.spread, t.locale)}
                  {row.flagged ? (
                    <>
                      {" "}
                      <strong className="flag">{t("scoreboard.flagged")}</strong>
                    </>
                  ) : null}
                </td>
                <td>{t("scoreboard.reviewsDone", { done: row.reviewsDone, needed: round.reviewersPerApplication })}</td>
                <td>{money(row.requestedAmount)}</td>
                <td>
                  {money(row.runningTotal)}
                  <br />
                  <span className="muted">{row.withinBudget ? t("scoreboard.withinBudget") : t("scoreboard.overBudget")}</span>
                </td>
                <td>
                  {row.outcome ? t(`decisions.outcome.${row.outcome}`) : t("scoreboard.undecided")}
                  {row.awardedAmount !== null ? (
                    <>
                      <br />
                      {money(row.awardedAmount)}
                    </>
                  ) : null}
                </td>
              </tr>
            </Fragment>
          ))}
          {inRankOrder && lastPage && drawLineAt === -1 && rows.length > 0 && rows.every((r) => r.withinBudget) ? (
            <tr className="funding-line">
              <th colSpan={columns} scope="rowgroup">
                {t("scoreboard.allWithinBudget", { budget: money(round.budget) })}
              </th>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
