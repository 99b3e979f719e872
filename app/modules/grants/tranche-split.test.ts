import { describe, expect, it } from "vitest";
import { splitTranches } from "./tranche-split";

describe("splitTranches", () => {
  it("rounds each tranche down and gives the remainder to the last", () => {
    const planned = splitTranches(10_000_001n, [
      { percent: 33, waitsFor: "signing" },
      { percent: 33, waitsFor: { report: "m6" } },
      { percent: 34, waitsFor: { report: "final" } },
    ]);
    expect(planned.map((t) => t.amount)).toEqual([3_300_000n, 3_300_000n, 3_400_001n]);
    expect(planned.map((t) => t.waitsFor)).toEqual(["signing", "report:m6", "report:final"]);
  });

  it("sums exactly to any award", () => {
    const template = [
      { percent: 17, waitsFor: "signing" as const },
      { percent: 29, waitsFor: { report: "a" } },
      { percent: 54, waitsFor: { report: "b" } },
    ];
    for (const award of [1n, 7n, 99n, 1_234_567n, 49_999_999n, 9_007_199_254_740_993n]) {
      const planned = splitTranches(award, template);
      expect(planned.reduce((sum, t) => sum + t.amount, 0n)).toBe(award);
      expect(planned.every((t) => t.amount >= 0n)).toBe(true);
    }
  });

  it("refuses a template that does not sum to 100 and a non-positive award", () => {
    expect(() => splitTranches(100n, [{ percent: 90, waitsFor: "signing" }])).toThrow(RangeError);
    expect(() => splitTranches(0n, [{ percent: 100, waitsFor: "signing" }])).toThrow(RangeError);
  });
});
