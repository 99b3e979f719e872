import { describe, expect, it } from "vitest";
import { formatCount, formatPercent } from "../impact-format";
import { axisTicks } from "./charts";

// Issue 16, "charts a donor would frame": an axis never labels two ticks alike.

describe("axis ticks", () => {
  it("count whole things: 0, 1, 2 for a tallest bar of 2, not 0, 0.5, 1, 1.5, 2 shown as 0, 1, 1, 2, 2", () => {
    const label = (n: number) => formatCount(n, "vi");
    expect(axisTicks(0, 2, 4, label, { whole: true })).toEqual([0, 1, 2]);
    expect(axisTicks(0, 1, 4, label, { whole: true })).toEqual([0, 1]);
  });

  it("widen the step until every label is its own", () => {
    const pct = (v: number) => formatPercent(v, "vi", { digits: 0 });
    for (const [lo, hi] of [
      [0, 1.2],
      [-0.4, 0.9],
      [-11.3, 90],
      [0, 3],
    ]) {
      const labels = axisTicks(lo, hi, 4, pct).map(pct);
      expect(new Set(labels).size, labels.join(" ")).toBe(labels.length);
    }
  });

  it("reach the top of the data, on round steps", () => {
    expect(axisTicks(0, 2_125_000, 4, (v) => String(v))).toEqual([0, 1_000_000, 2_000_000, 3_000_000]);
    expect(axisTicks(-11.3, 90, 4, (v) => String(v))).toEqual([-50, 0, 50, 100]);
  });
});
