import type { ReactNode } from "react";

// Charts drawn on the server as plain SVG: they show without JavaScript, print, and scale with
// the page (a viewBox, width 100 %). Each names itself to assistive technology (role="img" with
// its <title> and <desc>), and each page puts a table with the same figures beside it; colours
// come from impact.css so that print can keep them.

const WIDTH = 400;

interface ChartLabel {
  /** Unique on the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  desc: string;
}

function Frame({ id, title, desc, height, children }: ChartLabel & { height: number; children: ReactNode }) {
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

/** Round steps for an axis: 1, 2 or 5 times a power of ten, about `count` of them up to `max`. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** The nice step after `step`: 1 → 2 → 5 → 10 (times its power of ten). */
function nextStep(step: number): number {
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const unit = Math.round(step / power);
  return (unit < 2 ? 2 : unit < 5 ? 5 : 10) * power;
}

/**
 * The ticks of an axis from `lo` to `hi` (both within), about `count` of them, on round steps,
 * whole numbers when counting things, and never two with the same label: a step that labels
 * 0.5 and 1 both "1" (a count rounded, a percentage without decimals) is widened until each
 * label is its own.
 */
export function axisTicks(lo: number, hi: number, count: number, label: (v: number) => string, options: { whole?: boolean } = {}): number[] {
  let step = niceStep(hi - lo || 1, count);
  if (options.whole) step = Math.max(1, Math.round(step));
  for (;;) {
    const ticks: number[] = [];
    for (let v = Math.floor(lo / step + 1e-9) * step; v <= hi + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6 || 0);
    const labels = ticks.map(label);
    if (new Set(labels).size === labels.length) return ticks;
    step = nextStep(step);
  }
}

/**
 * Hatching, so that a bar that differs in kind (an open-ended bin, a fall) differs in more than
 * colour: readers who do not see the colours, and black-and-white prints, still tell them apart.
 */
function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect className="chart-hatch-ground" width="6" height="6" />
        <line className="chart-hatch-line" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
    </defs>
  );
}

/** Vertical bars of counts, with labels on the edges between bars (a histogram). */
export function ColumnChart({
  id,
  title,
  desc,
  counts,
  edges,
  countLabel,
}: ChartLabel & {
  counts: number[];
  /** counts.length − 1 labels, each for the edge between two neighbouring bars. */
  edges: string[];
  countLabel: (n: number) => string;
}) {
  const height = 230;
  const left = 36;
  const right = 8;
  const top = 20;
  const bottom = 40;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...counts);
  const ticks = axisTicks(0, max, 4, countLabel, { whole: true });
  const ceiling = ticks[ticks.length - 1];
  const slot = plotW / counts.length;
  const y = (v: number) => top + plotH - (v / ceiling) * plotH;
  return (
    <Frame id={id} title={title} desc={desc} height={height}>
      <Hatch id={id} />
      {ticks.map((v) => (
        <g key={v}>
          <line className="chart-grid" x1={left} x2={WIDTH - right} y1={y(v)} y2={y(v)} />
          <text className="chart-axis" x={left - 4} y={y(v) + 3} textAnchor="end">
            {countLabel(v)}
          </text>
        </g>
      ))}
      {counts.map((n, i) => (
        <g key={i}>
          <rect
            className={i === 0 || i === counts.length - 1 ? "chart-bar chart-bar-open" : "chart-bar"}
            fill={i === 0 || i === counts.length - 1 ? `url(#${id}-hatch)` : undefined}
            x={left + i * slot + 2}
            y={y(n)}
            width={slot - 4}
            height={top + plotH - y(n)}
          />
          {n > 0 ? (
            <text className="chart-value" x={left + (i + 0.5) * slot} y={y(n) - 3} textAnchor="middle">
              {countLabel(n)}
            </text>
          ) : null}
        </g>
      ))}
      {edges.map((label, i) => (
        <text key={label} className="chart-axis" x={left + (i + 1) * slot} y={top + plotH + 14} textAnchor="middle">
          {label}
        </text>
      ))}
      <line className="chart-axis-line" x1={left} x2={WIDTH - right} y1={top + plotH} y2={top + plotH} />
    </Frame>
  );
}

export interface RangeRow {
  label: string;
  /** The bar: from 0 to `value`. */
  value: number;
  /** The whisker: from `low` to `high` (e.g. the interquartile range). */
  low: number;
  high: number;
}

/** Horizontal bars from zero (negative to the left) with a whisker for a range on each. */
export function RangeBarChart({
  id,
  title,
  desc,
  rows,
  valueLabel,
  axisLabel,
}: ChartLabel & {
  rows: RangeRow[];
  /** Each bar's figure, written as the table beside the chart writes it. */
  valueLabel: (v: number) => string;
  /** The axis: rounder figures. */
  axisLabel: (v: number) => string;
}) {
  const rowH = 26;
  const top = 10;
  const bottom = 24;
  const labelW = 132;
  const right = 56;
  const height = top + bottom + Math.max(1, rows.length) * rowH;
  const plotW = WIDTH - labelW - right;
  // The axis runs from tick to tick around the data, so its ends carry labels too.
  const ticks = axisTicks(Math.min(0, ...rows.map((r) => Math.min(r.low, r.value))), Math.max(0, ...rows.map((r) => Math.max(r.high, r.value))), 4, axisLabel);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const span = hi - lo || 1;
  const x = (v: number) => labelW + ((v - lo) / span) * plotW;
  return (
    <Frame id={id} title={title} desc={desc} height={height}>
      <Hatch id={id} />
      {ticks.map((v) => (
        <g key={v}>
          <line className="chart-grid" x1={x(v)} x2={x(v)} y1={top} y2={height - bottom} />
          <text className="chart-axis" x={x(v)} y={height - bottom + 15} textAnchor="middle">
            {axisLabel(v)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const cy = top + i * rowH + rowH / 2;
        const from = Math.min(x(0), x(r.value));
        return (
          <g key={r.label}>
            <text className="chart-label" x={labelW - 6} y={cy + 4} textAnchor="end">
              {r.label.length > 20 ? `${r.label.slice(0, 19)}…` : r.label}
            </text>
            <rect
              className={r.value < 0 ? "chart-bar chart-bar-negative" : "chart-bar"}
              fill={r.value < 0 ? `url(#${id}-hatch)` : undefined}
              x={from}
              y={cy - 7}
              width={Math.max(1, Math.abs(x(r.value) - x(0)))}
              height={14}
            />
            <line className="chart-whisker" x1={x(r.low)} x2={x(r.high)} y1={cy} y2={cy} />
            <line className="chart-whisker" x1={x(r.low)} x2={x(r.low)} y1={cy - 4} y2={cy + 4} />
            <line className="chart-whisker" x1={x(r.high)} x2={x(r.high)} y1={cy - 4} y2={cy + 4} />
            <text className="chart-value" x={Math.max(x(r.high), x(r.value), x(0)) + 4} y={cy + 4}>
              {valueLabel(r.value)}
            </text>
          </g>
        );
      })}
      <line className="chart-axis-line" x1={x(0)} x2={x(0)} y1={top} y2={height - bottom} />
    </Frame>
  );
}

export interface LinePoint {
  x: number;
  y: number;
  /** Read by a pointer's tooltip; the table beside the chart carries the same. */
  label: string;
}

/** A line through points over a numeric x axis (months), y from zero. */
export function LineChart({
  id,
  title,
  desc,
  points,
  xLabel,
  yLabel,
}: ChartLabel & {
  points: LinePoint[];
  xLabel: (x: number) => string;
  yLabel: (y: number) => string;
}) {
  const height = 220;
  const left = 52;
  const right = 12;
  const top = 14;
  const bottom = 30;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const maxX = Math.max(1, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const yTicks = axisTicks(0, maxY * 1.05, 4, yLabel);
  const ceiling = yTicks[yTicks.length - 1];
  const x = (v: number) => left + (v / maxX) * plotW;
  const y = (v: number) => top + plotH - (v / ceiling) * plotH;
  const xTicks = axisTicks(0, maxX, 6, xLabel, { whole: true }).filter((v) => v <= maxX);
  return (
    <Frame id={id} title={title} desc={desc} height={height}>
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line className="chart-grid" x1={left} x2={WIDTH - right} y1={y(v)} y2={y(v)} />
          <text className="chart-axis" x={left - 4} y={y(v) + 3} textAnchor="end">
            {yLabel(v)}
          </text>
        </g>
      ))}
      {xTicks.map((v) => (
        <text key={`x${v}`} className="chart-axis" x={x(v)} y={height - bottom + 14} textAnchor="middle">
          {xLabel(v)}
        </text>
      ))}
      <line className="chart-axis-line" x1={left} x2={WIDTH - right} y1={top + plotH} y2={top + plotH} />
      {points.length > 1 ? <polyline className="chart-line" points={points.map((p) => `${x(p.x)},${y(p.y)}`).join(" ")} /> : null}
      {points.map((p) => (
        <circle key={`${p.x}-${p.label}`} className="chart-point" cx={x(p.x)} cy={y(p.y)} r={4}>
          <title>{p.label}</title>
        </circle>
      ))}
    </Frame>
  );
}
