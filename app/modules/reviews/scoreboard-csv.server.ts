import { translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { CSV_BOM, csvRow } from "../../infra/spreadsheet.server";
import type { ScoreboardRound, ScoreboardRow } from "./scoreboard.server";

// The scoreboard as a spreadsheet for the committee's minutes. Amounts are whole đồng and scores
// have a decimal point, so any spreadsheet reads them as numbers whatever its language.

const decimal = (value: number | null | undefined) => (value === null || value === undefined ? "" : value.toFixed(2));

export function scoreboardCsv(round: Pick<ScoreboardRound, "criteria" | "reviewersPerApplication">, rows: ScoreboardRow[], locale: Locale): string {
  const t = translator(locale);
  const header = [
    t("scoreboard.col.rank"),
    t("scoreboard.csv.group"),
    t("scoreboard.csv.title"),
    t("scoreboard.col.score"),
    ...round.criteria.map((c) => `${locale === "en" ? c.labelEn : c.labelVi} (/${c.maxScore})`),
    t("scoreboard.col.spread"),
    t("scoreboard.csv.flagged"),
    t("scoreboard.csv.reviewsDone"),
    t("scoreboard.csv.reviewsNeeded"),
    t("scoreboard.csv.requested"),
    t("scoreboard.col.running"),
    t("scoreboard.csv.withinBudget"),
    t("scoreboard.col.decision"),
    t("scoreboard.csv.awarded"),
  ];
  const lines = rows.map((row) =>
    csvRow([
      row.rank,
      row.groupName,
      row.title,
      decimal(row.score),
      ...round.criteria.map((c) => decimal(row.criterionMeans[String(c.position)])),
      decimal(row.spread),
      row.flagged ? t("common.yes") : t("common.no"),
      row.reviewsDone,
      round.reviewersPerApplication,
      row.requestedAmount,
      row.runningTotal,
      row.withinBudget ? t("common.yes") : t("common.no"),
      row.outcome ? t(`decisions.outcome.${row.outcome}`) : t("scoreboard.undecided"),
      row.awardedAmount,
    ]),
  );
  return CSV_BOM + csvRow(header) + lines.join("");
}
