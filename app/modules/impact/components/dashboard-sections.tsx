import { DataTable } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import type { Translate } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";
import type { HistogramBin, ImpactFilterOptions, ImpactSlice } from "../dashboard.server";
import { binEdges, HISTOGRAM, type ImpactFilters } from "../impact.schema";
import { formatChange, formatCount, formatPercent, formatShare } from "../impact-format";
import { ColumnChart, RangeBarChart } from "./charts";

// The dashboard's parts. Every chart has its table beside it with the same figures.

/** The headline figures of the selection. */
export function KeyFigures({ overall }: { overall: ImpactSlice }) {
  const t = useT();
  const o = overall;
  const paidShare = o.awarded > 0n ? Number((o.paid * 1000n) / o.awarded) / 10 : null;
  return (
    <dl className="impact-figures">
      <div>
        <dt>{t("impact.figure.awarded")}</dt>
        <dd>
          <Money amount={o.awarded} />
          <small>{t("impact.figure.grantsCount", { count: formatCount(o.grants, t.locale) })}</small>
        </dd>
      </div>
      <div>
        <dt>{t("impact.figure.paid")}</dt>
        <dd>
          <Money amount={o.paid} />
          {paidShare !== null ? <small>{t("impact.figure.paidShare", { share: formatPercent(paidShare, t.locale) })}</small> : null}
        </dd>
      </div>
      <div>
        <dt>{t("impact.figure.groups")}</dt>
        <dd>{formatCount(o.groups, t.locale)}</dd>
      </div>
      <div>
        <dt>{t("impact.figure.women")}</dt>
        <dd>
          {formatCount(o.women, t.locale)}
          <small>{t("impact.figure.womenHint")}</small>
        </dd>
      </div>
      <div>
        <dt>{t("impact.figure.medianChange")}</dt>
        <dd>
          {o.change ? formatChange(o.change[1], t.locale) : "—"}
          {o.pct ? <small>{t("impact.figure.medianPctOf", { pct: formatPercent(o.pct[1], t.locale, { signed: true }) })}</small> : null}
        </dd>
      </div>
      <div>
        <dt>{t("impact.figure.iqr")}</dt>
        <dd>
          {o.change ? `${formatChange(o.change[0], t.locale)} … ${formatChange(o.change[2], t.locale)}` : "—"}
          {o.pct ? (
            <small>{`${formatPercent(o.pct[0], t.locale, { signed: true })} … ${formatPercent(o.pct[2], t.locale, { signed: true })}`}</small>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t("impact.figure.rose")}</dt>
        <dd>
          {formatShare(o.rose, o.withChange, t.locale)}
          <small>{t("impact.figure.roseOf", { rose: formatCount(o.rose, t.locale), count: formatCount(o.withChange, t.locale) })}</small>
        </dd>
      </div>
      <div>
        <dt>{t("impact.figure.incomeMedians")}</dt>
        <dd>
          {o.baselineMedian !== null && o.latestMedian !== null ? (
            <>
              <Money amount={o.baselineMedian} /> → <Money amount={o.latestMedian} />
            </>
          ) : (
            "—"
          )}
          <small>{t("impact.figure.incomeMediansHint")}</small>
        </dd>
      </div>
    </dl>
  );
}

/** "−50 % … −25 %" style labels of the histogram's bins. */
export function binLabel(bin: number, t: Translate): string {
  const { from, to } = binEdges(bin);
  const pct = (v: number) => formatPercent(v, t.locale, { signed: true, digits: 0 });
  if (from === null) return t("impact.histogram.below", { to: pct(to!) });
  if (to === null) return t("impact.histogram.above", { from: pct(from) });
  return t("impact.histogram.range", { from: pct(from), to: pct(to) });
}

export function IncomeHistogram({ bins, withPct }: { bins: HistogramBin[]; withPct: number }) {
  const t = useT();
  const edges = Array.from({ length: HISTOGRAM.bins + 1 }, (_, i) => formatPercent(HISTOGRAM.min + i * ((HISTOGRAM.max - HISTOGRAM.min) / HISTOGRAM.bins), t.locale, { digits: 0 }));
  const biggest = bins.reduce((best, b) => (b.count > best.count ? b : best), bins[0]);
  const desc =
    withPct > 0
      ? t("impact.histogram.desc", { count: formatCount(withPct, t.locale), bin: binLabel(biggest.bin, t), n: formatCount(biggest.count, t.locale) })
      : t("impact.empty.change");
  return (
    <section aria-labelledby="histogram-heading">
      <h2 id="histogram-heading">{t("impact.histogram.title")}</h2>
      <p className="muted">{t("impact.histogram.intro", { count: formatCount(withPct, t.locale) })}</p>
      <div className="chart-pair">
        <figure>
          <ColumnChart id="histogram" title={t("impact.histogram.title")} desc={desc} counts={bins.map((b) => b.count)} edges={edges} countLabel={(n) => formatCount(n, t.locale)} />
        </figure>
        <DataTable
          rows={bins}
          rowKey={(b) => String(b.bin)}
          caption={t("impact.histogram.caption")}
          className="impact-table"
          columns={[
            { header: t("impact.histogram.bin"), rowHeader: true, cell: (b) => binLabel(b.bin, t) },
            { header: t("impact.histogram.groups"), numeric: true, cell: (b) => formatCount(b.count, t.locale) },
            { header: t("impact.histogram.share"), numeric: true, cell: (b) => formatShare(b.count, withPct, t.locale) },
          ]}
        />
      </div>
    </section>
  );
}

/** How many rows of a breakdown the chart draws; the table beside it has them all. */
export const CHART_ROWS = 12;

/** A breakdown (by province, ethnic group or activity): median change with its IQR, and a table. */
export function Breakdown({
  id,
  title,
  intro,
  slices,
  nameOf,
  emptyText,
}: {
  id: string;
  title: string;
  intro?: string;
  slices: ImpactSlice[];
  nameOf: (s: ImpactSlice) => string;
  /** What to say when there is no row (the donor report: rows left out for privacy). */
  emptyText?: string;
}) {
  const t = useT();
  const charted = slices.filter((s) => s.pct !== null).slice(0, CHART_ROWS);
  // The bars carry the table's figures; the axis rounder ones.
  const pct = (v: number) => formatPercent(v, t.locale, { signed: true });
  const axisPct = (v: number) => formatPercent(v, t.locale, { signed: true, digits: 0 });
  const what = title.charAt(0).toLocaleLowerCase(t.locale) + title.slice(1);
  const desc =
    charted.length > 0
      ? t("impact.breakdown.desc", {
          shown: String(charted.length),
          all: String(slices.length),
          list: charted.map((s) => `${nameOf(s)} ${formatPercent(s.pct![1], t.locale, { signed: true })}`).join("; "),
        })
      : t("impact.empty.change");
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {slices.length === 0 ? (
        <p>{emptyText ?? t("impact.empty.selection")}</p>
      ) : (
        <div className="chart-pair stacked">
          <figure>
            <figcaption>{t("impact.breakdown.chartCaption", { count: String(charted.length) })}</figcaption>
            <RangeBarChart
              id={`${id}-chart`}
              title={t("impact.breakdown.chartTitle", { what: title })}
              desc={desc}
              rows={charted.map((s) => ({ label: nameOf(s), value: s.pct![1], low: s.pct![0], high: s.pct![2] }))}
              valueLabel={pct}
              axisLabel={axisPct}
            />
          </figure>
          <DataTable
            rows={slices}
            rowKey={(s) => s.key ?? "none"}
            caption={t("impact.breakdown.caption", { what })}
            className="impact-table"
            columns={[
              { header: t("impact.breakdown.name"), rowHeader: true, cell: (s) => nameOf(s) },
              { header: t("impact.breakdown.groups"), numeric: true, cell: (s) => formatCount(s.groups, t.locale) },
              { header: t("impact.breakdown.awarded"), numeric: true, cell: (s) => <Money amount={s.awarded} /> },
              { header: t("impact.breakdown.paid"), numeric: true, cell: (s) => <Money amount={s.paid} /> },
              { header: t("impact.breakdown.women"), numeric: true, cell: (s) => formatCount(s.women, t.locale) },
              { header: t("impact.breakdown.reporting"), numeric: true, cell: (s) => formatCount(s.withChange, t.locale) },
              { header: t("impact.breakdown.median"), numeric: true, cell: (s) => (s.pct ? formatPercent(s.pct[1], t.locale, { signed: true }) : "—") },
              {
                header: t("impact.breakdown.iqr"),
                numeric: true,
                cell: (s) => (s.pct ? `${formatPercent(s.pct[0], t.locale, { signed: true })} … ${formatPercent(s.pct[2], t.locale, { signed: true })}` : "—"),
              },
              { header: t("impact.breakdown.medianDong"), numeric: true, cell: (s) => (s.change ? formatChange(s.change[1], t.locale) : "—") },
              { header: t("impact.breakdown.rose"), numeric: true, cell: (s) => formatShare(s.rose, s.withChange, t.locale) },
            ]}
          />
        </div>
      )}
    </section>
  );
}

/** What the figures cover: the chosen programme and round, or all of them. */
export function ScopeLine({ filters, programmes, rounds }: { filters: ImpactFilters } & Pick<ImpactFilterOptions, "programmes" | "rounds">) {
  const t = useT();
  const en = t.locale === "en";
  const programme = programmes.find((p) => p.id === filters.programme);
  const round = rounds.find((r) => r.id === filters.round);
  const scope = [programme ? (en ? programme.nameEn : programme.nameVi) : null, round ? (en ? round.titleEn : round.titleVi) : null]
    .filter(Boolean)
    .join(" · ");
  return <p className="muted">{scope || t("impact.allProgrammes")}</p>;
}

/** How each figure is counted, under the dashboard and the donor report alike. */
export function Definitions() {
  const t = useT();
  return (
    <section aria-labelledby="definitions-heading" className="definitions">
      <h2 id="definitions-heading">{t("impact.definitions.title")}</h2>
      <ul>
        <li>{t("impact.definitions.grants")}</li>
        <li>{t("impact.definitions.paid")}</li>
        <li>{t("impact.definitions.change")}</li>
        <li>{t("impact.definitions.quantiles")}</li>
        <li>{t("impact.definitions.rose")}</li>
        <li>{t("impact.definitions.women")}</li>
        <li>{t("impact.definitions.ethnicity")}</li>
      </ul>
    </section>
  );
}
