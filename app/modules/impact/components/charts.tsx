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
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMidYMid meet"
    >
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
  const height = 220;
  const left = 34;
  const right = 8;
  const top = 18;
  const bottom = 40;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...counts);
  const step = niceStep(max, 4);
  const ceiling = Math.ceil(max / step) * step;
  const slot = plotW / counts.length;
  const y = (v: number) => top + plotH - (v / ceiling) * plotH;
  const ticks = Array.from({ length: Math.round(ceiling / step) + 1 }, (_, i) => i * step);
  return (
    <Frame id={id} title={title} desc={desc} height={height}>
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
          <rect className={i === 0 || i === counts.length - 1 ? "chart-bar chart-bar-open" : "chart-bar"} x={left + i * slot + 2} y={y(n)} width={slot - 4} height={top + plotH - y(n)} />
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
export function RangeBarChart({ id, title, desc, rows, valueLabel }: ChartLabel & { rows: RangeRow[]; valueLabel: (v: number) => string }) {
  const rowH = 24;
  const top = 10;
  const bottom = 22;
  const labelW = 128;
  const right = 46;
  const height = top + bottom + Math.max(1, rows.length) * rowH;
  const plotW = WIDTH - labelW - right;
  const lo = Math.min(0, ...rows.map((r) => Math.min(r.low, r.value)));
  const hi = Math.max(0, ...rows.map((r) => Math.max(r.high, r.value)));
  const span = hi - lo || 1;
  const x = (v: number) => labelW + ((v - lo) / span) * plotW;
  const step = niceStep(span, 4);
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return (
    <Frame id={id} title={title} desc={desc} height={height}>
      {ticks.map((v) => (
        <g key={v}>
          <line className="chart-grid" x1={x(v)} x2={x(v)} y1={top} y2={height - bottom} />
          <text className="chart-axis" x={x(v)} y={height - bottom + 14} textAnchor="middle">
            {valueLabel(v)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const cy = top + i * rowH + rowH / 2;
        const from = Math.min(x(0), x(r.value));
        return (
          <g key={r.label}>
            <text className="chart-label" x={labelW - 6} y={cy + 4} textAnchor="end">
              {r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label}
            </text>
            <rect className={r.value < 0 ? "chart-bar chart-bar-negative" : "chart-bar"} x={from} y={cy - 7} width={Math.max(1, Math.abs(x(r.value) - x(0)))} height={14} />
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
}: ChartLabel & { points: LinePoint[]; xLabel: (x: number) => string; yLabel: (y: number) => string }) {
  const height = 220;
  const left = 52;
  const right = 12;
  const top = 14;
  const bottom = 30;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const maxX = Math.max(1, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const stepY = niceStep(maxY, 4);
  const ceiling = Math.ceil((maxY * 1.05) / stepY) * stepY;
  const x = (v: number) => left + (v / maxX) * plotW;
  const y = (v: number) => top + plotH - (v / ceiling) * plotH;
  const stepX = Math.max(1, niceStep(maxX, 6));
  const xTicks: number[] = [];
  for (let v = 0; v <= maxX; v += stepX) xTicks.push(v);
  const yTicks = Array.from({ length: Math.round(ceiling / stepY) + 1 }, (_, i) => i * stepY);
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
