import { describe, expect, it } from "vitest";
import { planAssignments, type ApplicationNeed } from "./plan-assignments";

const apps = (n: number): ApplicationNeed[] =>
  Array.from({ length: n }, (_, i) => ({ id: `a${i}`, groupId: `g${i}`, reviewers: [], active: 0 }));

function loads(planned: { reviewerId: string }[]) {
  const out: Record<string, number> = {};
  for (const p of planned) out[p.reviewerId] = (out[p.reviewerId] ?? 0) + 1;
  return out;
}

describe("planAssignments", () => {
  it("spreads the work evenly and never puts one reviewer twice on an application", () => {
    const plan = planAssignments({
      applications: apps(6),
      reviewers: ["r1", "r2", "r3", "r4"].map((id) => ({ id, load: 0 })),
      perApplication: 2,
      excluded: () => false,
    });
    expect(plan.planned).toHaveLength(12);
    expect(plan.short).toEqual([]);
    expect(loads(plan.planned)).toEqual({ r1: 3, r2: 3, r3: 3, r4: 3 });
    for (const a of apps(6)) {
      const on = plan.planned.filter((p) => p.applicationId === a.id).map((p) => p.reviewerId);
      expect(new Set(on).size).toBe(2);
    }
  });

  it("gives the least-loaded reviewers the work first", () => {
    const plan = planAssignments({
      applications: apps(3),
      reviewers: [
        { id: "busy", load: 5 },
        { id: "free1", load: 0 },
        { id: "free2", load: 1 },
      ],
      perApplication: 1,
      excluded: () => false,
    });
    expect(loads(plan.planned)).toEqual({ free1: 2, free2: 1 });
  });

  it("skips a reviewer with a conflict and counts only the missing reviewers", () => {
    const plan = planAssignments({
      applications: [
        { id: "a1", groupId: "g1", reviewers: ["r1"], active: 1 },
        { id: "a2", groupId: "g2", reviewers: ["r2"], active: 0 },
      ],
      reviewers: ["r1", "r2", "r3"].map((id) => ({ id, load: 0 })),
      perApplication: 2,
      excluded: (reviewer, group) => reviewer === "r3" && group === "g1",
    });
    expect(plan.planned).toEqual([
      { applicationId: "a1", reviewerId: "r2" },
      { applicationId: "a2", reviewerId: "r1" },
      { applicationId: "a2", reviewerId: "r3" },
    ]);
    expect(plan.short).toEqual([]);
  });

  it("reports applications it cannot fill", () => {
    const plan = planAssignments({
      applications: apps(1),
      reviewers: [{ id: "r1", load: 0 }],
      perApplication: 3,
      excluded: () => false,
    });
    expect(plan.short).toEqual([{ applicationId: "a0", missing: 2 }]);
  });
});
