import { beforeAll, describe, expect, it } from "vitest";
import { loadImpactDashboard, type ImpactSlice } from "./dashboard.server";
import { M, makeImpactFixture } from "../../testing/factories";
import { readFilters } from "./impact.schema";

// The dashboard's figures against the hand-made fixture (app/testing/factories/impact.ts), computed here by
// hand. Quantiles are percentile_cont's: for n sorted values x₁…xₙ and a fraction p, the
// position h = 1 + p·(n − 1); the value is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).

let fixture: Awaited<ReturnType<typeof makeImpactFixture>>;

beforeAll(async () => {
  fixture = await makeImpactFixture();
});

const byKey = (slices: ImpactSlice[], key: string | null) => {
  const found = slices.find((s) => s.key === key);
  if (!found) throw new Error(`no slice ${key}`);
  return found;
};

describe("the impact dashboard's figures", () => {
  it("counts money, groups and women of the round, leaving the cancelled grant out", async () => {
    const { overall } = await loadImpactDashboard({ round: fixture.roundId });
    expect(overall.grants).toBe(7);
    expect(overall.groups).toBe(7);
    // 50 + 60 + 40 + 30 + 70 + 45 + 25 million; G8 (99 million, cancelled) is not counted.
    expect(overall.awarded).toBe(320n * M);
    // Paid only: 30 (G1) + 36 (G2) + 18 + 12 (G4); G2's prepared 24 and G5's failed 42 are not.
    expect(overall.paid).toBe(96n * M);
    expect(overall.disbursements).toBe(6);
    // 7 + 8 + 4 + 9 + 12 + 5 + 7.
    expect(overall.women).toBe(52);
    // Baseline, m6 and final for each of the seven grants.
    expect(overall.reports).toBe(21);
  });

  it("computes the median, the quartiles and the share that rose from baseline to the latest approved report", async () => {
    const { overall } = await loadImpactDashboard({ round: fixture.roundId });
    // G7 has no approved report after its baseline: six grants have a change.
    expect(overall.withChange).toBe(6);
    // Changes sorted (đồng): −200,000, 0, 300,000, 300,000, 800,000, 1,600,000 (n = 6, h = 1 + 5p).
    // Q1: h = 2.25 → 0 + 0.25 × (300,000 − 0) = 75,000
    // median: h = 3.5 → 300,000 + 0.5 × (300,000 − 300,000) = 300,000
    // Q3: h = 4.75 → 300,000 + 0.75 × (800,000 − 300,000) = 675,000
    expect(overall.change).toEqual([75_000n, 300_000n, 675_000n]);
    // Per cent sorted: −10, 0, 25, 30, 100, 160.
    // Q1: 0 + 0.25 × 25 = 6.25; median: 25 + 0.5 × 5 = 27.5; Q3: 30 + 0.75 × 70 = 82.5
    expect(overall.withPct).toBe(6);
    expect(overall.pct![0]).toBeCloseTo(6.25, 9);
    expect(overall.pct![1]).toBeCloseTo(27.5, 9);
    expect(overall.pct![2]).toBeCloseTo(82.5, 9);
    // Rose: G1, G4, G5, G6 (G3's 0 is not a rise) → 4 of 6.
    expect(overall.rose).toBe(4);
    // Baselines of the six: 0.8, 1.0, 1.0, 1.2, 1.5, 2.0 million → h = 3.5 → 1.0 + 0.5 × 0.2 = 1.1 million.
    expect(overall.baselineMedian).toBe(1_100_000n);
    // Latest: 1.3, 1.5, 1.5, 1.6, 1.8, 2.6 million → 1.5 + 0.5 × 0.1 = 1.55 million.
    expect(overall.latestMedian).toBe(1_550_000n);
  });

  it("puts each change in its histogram bin (25-point bins from −50 % to 150 %)", async () => {
    const { histogram } = await loadImpactDashboard({ round: fixture.roundId });
    // −10 → [−25, 0) bin 2; 0 → [0, 25) bin 3; 25 and 30 → [25, 50) bin 4; 100 → [100, 125) bin 7;
    // 160 → 150 and above, bin 9.
    expect(histogram.map((b) => b.count)).toEqual([0, 0, 1, 1, 2, 0, 0, 1, 0, 1]);
  });

  it("breaks the figures down by province, activity and ethnic group", async () => {
    const d = await loadImpactDashboard({ round: fixture.roundId });
    const laoCai = byKey(d.byProvince, "lao-cai");
    expect([laoCai.grants, laoCai.awarded, laoCai.paid, laoCai.withChange, laoCai.rose]).toEqual([3, 135n * M, 66n * M, 2, 1]);
    expect(laoCai.nameVi).toBe("Lào Cai");
    // Two values −10 and 30: Q1 h = 1.25 → −10 + 0.25 × 40 = 0; median h = 1.5 → 10; Q3 → 20.
    expect(laoCai.pct![0]).toBeCloseTo(0, 9);
    expect(laoCai.pct![1]).toBeCloseTo(10, 9);
    expect(laoCai.pct![2]).toBeCloseTo(20, 9);
    // −200,000 and 300,000 → median 50,000.
    expect(laoCai.change![1]).toBe(50_000n);
    const sonLa = byKey(d.byProvince, "son-la");
    expect([sonLa.grants, sonLa.pct![1], sonLa.change![1], sonLa.rose]).toEqual([2, 50, 400_000n, 1]);
    const quangNgai = byKey(d.byProvince, "quang-ngai");
    // 25 and 160 → 92.5; 300,000 and 1,600,000 → 950,000; both rose.
    expect([quangNgai.grants, quangNgai.pct![1], quangNgai.change![1], quangNgai.rose, quangNgai.paid]).toEqual([2, 92.5, 950_000n, 2, 0n]);
    expect(d.byProvince.map((s) => s.grants).reduce((a, b) => a + b, 0)).toBe(7);

    const forest = byKey(d.byActivity, "forest_products");
    expect([forest.grants, forest.withChange, forest.pct]).toEqual([1, 0, null]);
    expect(byKey(d.byActivity, "medicinal_herbs").awarded).toBe(115n * M);

    // A grant counts in every ethnic group on its roster; "prefer not to say" counts nowhere.
    const mong = byKey(d.byEthnicity, "08");
    expect([mong.nameVi, mong.grants, mong.withChange, mong.pct![1]]).toEqual(["Mông", 3, 2, 10]);
    expect(byKey(d.byEthnicity, "09").grants).toBe(1);
    expect(byKey(d.byEthnicity, "09").pct![1]).toBeCloseTo(-10, 9);
    expect(byKey(d.byEthnicity, "01").pct![1]).toBeCloseTo(100, 9);
    expect(byKey(d.byEthnicity, "03").pct![1]).toBeCloseTo(50, 9);
    expect(byKey(d.byEthnicity, "13").pct![1]).toBeCloseTo(160, 9);
    expect(d.byEthnicity.map((s) => s.key).sort()).toEqual(["01", "03", "08", "09", "13", "14"]);
  });

  it("filters by province, ethnic group, activity, round and programme", async () => {
    const sonLa = await loadImpactDashboard({ round: fixture.roundId, province: "son-la" });
    expect([sonLa.overall.grants, sonLa.overall.awarded, sonLa.overall.pct![1]]).toEqual([2, 70n * M, 50]);
    const mong = await loadImpactDashboard({ round: fixture.roundId, ethnicity: "08" });
    expect([mong.overall.grants, mong.overall.awarded, mong.overall.women]).toEqual([3, 135n * M, 22]);
    const herbs = await loadImpactDashboard({ round: fixture.roundId, activity: "medicinal_herbs" });
    expect([herbs.overall.grants, herbs.overall.paid, herbs.overall.rose]).toEqual([2, 0n, 2]);
    expect(herbs.byProvince.map((s) => s.key)).toEqual(["quang-ngai"]);

    const otherRound = await loadImpactDashboard({ round: fixture.other.roundId });
    expect([otherRound.overall.grants, otherRound.overall.awarded]).toEqual([1, 100n * M]);
    expect(otherRound.overall.pct![1]).toBeCloseTo(10, 9);
    const otherProgramme = await loadImpactDashboard({ programme: fixture.other.programmeId });
    expect(otherProgramme.overall.grants).toBe(1);
    const sameProgramme = await loadImpactDashboard({ programme: fixture.programmeId });
    expect(sameProgramme.overall.awarded).toBe(320n * M);

    const none = await loadImpactDashboard({ round: fixture.roundId, province: "ca-mau" });
    expect([none.overall.grants, none.overall.awarded, none.overall.change, none.byProvince]).toEqual([0, 0n, null, []]);
    expect(none.histogram.every((b) => b.count === 0)).toBe(true);
  });

  it("reads well-formed filters and names malformed ones", () => {
    const ok = readFilters(new URLSearchParams({ province: "lao-cai", ethnicity: "08", activity: "agroforestry", round: "", programme: fixture.programmeId.toUpperCase() }));
    expect(ok).toEqual({ filters: { province: "lao-cai", ethnicity: "08", activity: "agroforestry", programme: fixture.programmeId }, invalid: [] });
    const bad = readFilters(new URLSearchParams({ province: "Lao Cai'--", ethnicity: "8", activity: "mining", round: "x" }));
    expect(bad.invalid.sort()).toEqual(["activity", "ethnicity", "province", "round"]);
  });
});
