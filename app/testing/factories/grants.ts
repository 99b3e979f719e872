import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { rounds, tranches, type TrancheTemplateItem } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { awardGrant } from "../../modules/decisions/award.server";
import { makeApplication, type LineSpec } from "./applications";
import { makeGroup } from "./groups";
import { makeScoredRound } from "./rounds";

// A grant as an approval leaves it: awaiting the group's acceptance, tranches from the template.
// Rows are written straight into the test database (round, group, approved application) and the
// grant through the grants module's own function.

export const twoTranches: TrancheTemplateItem[] = [
  { percent: 60, waitsFor: "signing" },
  { percent: 40, waitsFor: { report: "m6" } },
];

export async function makeGrant(
  options: {
    award?: bigint;
    template?: TrancheTemplateItem[];
    ownerId?: string;
    facilitatorIds?: string[];
    groupId?: string;
    roundId?: string;
    /** The application's budget lines; by default one line asking the whole award. */
    lines?: LineSpec[];
  } = {},
) {
  const award = options.award ?? 50_000_000n;
  const roundId =
    options.roundId ??
    (await makeScoredRound({ budget: 10_000_000_000n, maxGrant: 1_000_000_000n, criteria: [{ labelVi: "Khả thi", labelEn: "Feasible", weight: 1, maxScore: 10 }] })).roundId;
  if (!options.roundId) {
    await db
      .update(rounds)
      .set({
        trancheTemplate: options.template ?? twoTranches,
        reportSchedule: [
          { key: "m6", months: 6, labelVi: "Báo cáo tháng thứ 6", labelEn: "Month-6 report" },
          { key: "final", months: 12, labelVi: "Báo cáo cuối kỳ", labelEn: "Final report" },
        ],
      })
      .where(eq(rounds.id, roundId));
  }
  const groupId =
    options.groupId ??
    (
      await makeGroup({
        name: `Nhóm ${randomBytes(2).toString("hex")}`,
        leaderName: "Giàng Thị Mai",
        ownerId: options.ownerId,
        facilitatorIds: options.facilitatorIds,
      })
    ).id;
  const applicationId = (
    await makeApplication({ roundId, groupId, title: "Vườn quế dưới tán rừng", ...(options.lines ? { lines: options.lines } : { requested: award }), status: "approved" })
  ).id;
  const grantId = await db.transaction((tx) =>
    awardGrant(tx, { applicationId, roundId, groupId, awardedAmount: award, conditions: "" }, { id: null }),
  );
  const parts = await db.select().from(tranches).where(eq(tranches.grantId, grantId)).orderBy(tranches.position);
  return { grantId, groupId, roundId, applicationId, trancheIds: parts.map((t) => t.id) };
}
