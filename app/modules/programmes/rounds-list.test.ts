import { describe, expect, it } from "vitest";
import { makeApplication, makeGroup, makeProgramme, makeRound } from "../../testing/factories";
import { listRoundsOf } from "./programmes.server";

// The programme page's table of rounds (issue 16, item 3): each round's count of applications is
// its own, not 0 for every round.

describe("the rounds of a programme", () => {
  it("counts each round's own applications", async () => {
    const programme = await makeProgramme();
    const busy = await makeRound({ programmeId: programme.id, titleVi: "Đợt có hồ sơ" });
    const quiet = await makeRound({ programmeId: programme.id, titleVi: "Đợt trống" });
    const group = await makeGroup();
    const other = await makeGroup();
    await makeApplication({ roundId: busy.id, groupId: group.id });
    await makeApplication({ roundId: busy.id, groupId: other.id, status: "draft", submittedAt: null });

    const listed = await listRoundsOf(programme.id);
    const countOf = (id: string) => listed.find((row) => row.round.id === id)?.applicationCount;
    expect(countOf(busy.id)).toBe(2);
    expect(countOf(quiet.id)).toBe(0);
  });
});
