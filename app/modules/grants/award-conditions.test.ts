import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, grants, notifications, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeActor, makeApplication, makeGroup, makeRequiredReviews, makeScoredRound, makeUser } from "../../testing/factories";
import { decisionSchema } from "../decisions/decisions.schema";
import { decideOne } from "../decisions/decisions.server";
import { dueTranches } from "./due.server";
import { loadLedger } from "../disbursements/ledger.server";
import { prepareDisbursement } from "../disbursements/disbursements.server";
import { acceptGrant } from "./acceptance.server";
import { markAwardConditionsMet } from "./admin-commands.server";
import { agreementSchedule } from "./agreement.server";
import { loadGrant } from "./grant-reads.server";

// Award conditions ("send the dryer's quote before the first tranche") that hold a tranche until
// staff record them met (issue 16, item 7): before, they were stored and never enforced.

const CONDITIONS = "Gửi báo giá máy sấy trước khi nhận đợt tiền đầu tiên.";

async function approvedWithHold(hold: string) {
  const { roundId } = await makeScoredRound();
  const owner = await makeUser(["applicant"]);
  const group = await makeGroup({ ownerId: owner.id });
  const application = await makeApplication({ roundId, groupId: group.id, requested: 40_000_000n, status: "eligible" });
  await makeRequiredReviews(application.id);
  const admin = await makeActor(["admin"]);
  const input = { outcome: "approved" as const, awardedAmount: 40_000_000n, conditions: CONDITIONS, conditionsHold: hold, reasonVi: "Kế hoạch tốt.", reasonEn: "", reviewsOverride: "" };
  const result = await decideOne(roundId, application.id, input, admin, "vi");
  return { result, applicationId: application.id, owner, admin };
}

async function grantOf(applicationId: string) {
  const [row] = await db.select().from(grants).where(eq(grants.applicationId, applicationId));
  return (await loadGrant(row.id))!;
}

describe("award conditions that hold a tranche", () => {
  it("keep the tranche from finance until staff record them met, then make it due and tell finance", async () => {
    const { result, applicationId, owner, admin } = await approvedWithHold("1");
    expect(result.ok).toBe(true);
    const grant = await grantOf(applicationId);
    expect(grant.tranches.map((t) => t.heldByConditions)).toEqual(grant.tranches.map((t) => t.position === 1));

    // The group accepts: the first tranche's own condition (the signing) is met, the award's are not.
    const leader = await makeActor(["applicant"]);
    const accepted = await acceptGrant(grant, { by: "owner", input: { accept: "yes", signature: "" } }, { ...leader, user: { ...leader.user, id: owner.id } });
    expect(accepted.ok).toBe(true);
    const afterAcceptance = await grantOf(applicationId);
    expect(agreementSchedule(afterAcceptance, [])[0].status).toBe("held");
    expect((await dueTranches(grant.id)).map((t) => t.position)).toEqual([]);
    const ledger = await loadLedger(grant.id);
    expect(ledger!.tranches[0]).toMatchObject({ due: false, heldByConditions: true });

    // Finance cannot pay it, and is told why.
    const finance = await makeActor(["finance"]);
    const tranche1 = afterAcceptance.tranches[0];
    const refused = await prepareDisbursement({ grantId: grant.id, trancheId: tranche1.id, amount: 1_000_000n, method: "cash" }, finance);
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { trancheId: "disbursements.errors.heldByConditions" } });

    // Staff record the conditions met: the tranche is due, finance hears of it, and the log says how.
    const financeNoticesBefore = await db.select().from(notifications).where(eq(notifications.userId, finance.user.id));
    const met = await markAwardConditionsMet(afterAcceptance, { note: "Đã nhận báo giá ngày 12/3." }, admin);
    expect(met.ok).toBe(true);
    expect((await dueTranches(grant.id)).map((t) => t.position)).toEqual([1]);
    expect(agreementSchedule(await grantOf(applicationId), [])[0].status).toBe("due");
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "grant.conditions_met"), eq(auditLog.entityId, grant.id)));
    expect(entry.data).toEqual({ note: "Đã nhận báo giá ngày 12/3.", released: [1] });
    const financeNotices = await db.select().from(notifications).where(eq(notifications.userId, finance.user.id));
    expect(financeNotices.length).toBe(financeNoticesBefore.length + 1);
    const prepared = await prepareDisbursement({ grantId: grant.id, trancheId: tranche1.id, amount: 1_000_000n, method: "cash" }, finance);
    expect(prepared.ok).toBe(true);

    // Recorded once.
    const again = await markAwardConditionsMet(afterAcceptance, { note: "Lần nữa." }, admin);
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  it("hold nothing by default, and refuse a hold without conditions or of a tranche the round has not", async () => {
    const plain = await approvedWithHold("");
    const grant = await grantOf(plain.applicationId);
    expect(grant.tranches.every((t) => !t.heldByConditions)).toBe(true);

    const schema = decisionSchema({ requested: 40_000_000n, maxGrant: 100_000_000n }, "vi");
    const noConditions = schema.safeParse({ outcome: "approved", awardedAmount: "40000000", conditions: "", conditionsHold: "1", reasonVi: "Tốt", reasonEn: "" });
    expect(noConditions.success).toBe(false);
    expect(noConditions.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["conditionsHold", "decisions.errors.holdNeedsConditions"]);

    const unknown = await approvedWithHold("9");
    expect(unknown.result).toMatchObject({ ok: false, status: 400, errors: { conditionsHold: "decisions.errors.holdUnknownTranche" } });
    expect(await db.select().from(grants).where(eq(grants.applicationId, unknown.applicationId))).toEqual([]);
    expect(await db.select().from(tranches).where(eq(tranches.heldByConditions, true))).toHaveLength(0);
  });
});
