import { and, eq, inArray, max } from "drizzle-orm";
import { grantChangeRequests, grantVersions } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuse, run, type RunOptions } from "../../kernel/command.server";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult, Refused } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { writeAudit } from "../audit/audit.server";
import { liveMoneyOfGrant, moneyInTranches } from "../disbursements/tranche-money.server";
import { applyAmendedTerms } from "../grants/amend-terms.server";
import { lockGrant } from "../grants/commands.server";
import { loadGrant, type Grant } from "../grants/grant-reads.server";
import type { AcceptanceConsent } from "../grants/grants.schema";
import { reportKeyOf } from "../grants/tranche-status";
import { moveReports, reportPlanOf } from "../outcomes/report-plan.server";
import type { AskForChangeInput, CloseAmendmentInput, DeclineRequestInput, ProposeAmendmentInput } from "./amendments.schema";
import { changeRequestMachine, grantVersionMachine } from "./machine";
import { tellGroupOfAmendment, tellStaffOfAmendment, type NoticeGrant } from "./notices.server";
import { currentTerms, roundRoom } from "./terms.server";

// Amending an accepted grant (issue 14, item 1). An admin proposes a new version of the agreement
// with a reason, a second admin approves it, the group (its leader, or its facilitator on its
// behalf) accepts it; only then do the grant's award, conditions, tranches and report dates
// change, in one transaction. The checks here give clear words; the database keeps the money
// rules (tranches sum to the award, no award or tranche below the money out, the round's budget,
// and two people for a proposal and its approval).

type Target = Pick<Grant, "id" | "group" | "applicationTitle">;

const running = ["active", "suspended"] as const;

const refusedAs = (field: string, key: string, status: Refused["status"] = 400): Refused => ({ ok: false, status, errors: { [field]: key } });

/** The database's refusals an amendment may meet, in words. */
const constraints: RunOptions["constraints"] = {
  grant_versions_two_people: refusedAs("", "amendments.errors.samePerson", 403),
  grant_versions_one_open: refusedAs("", "amendments.errors.alreadyOpen", 409),
  tranches_sum_to_award: refusedAs("trancheAmount", "amendments.errors.trancheSum"),
  grants_within_round_budget: refusedAs("awardedAmount", "amendments.errors.overBudget"),
  grants_award_covers_disbursements: refusedAs("awardedAmount", "amendments.errors.belowPaid"),
  tranches_cover_disbursements: refusedAs("trancheAmount", "amendments.errors.paidTrancheChanged"),
  disbursements_tranche_id_tranches_id_fk: refusedAs("trancheAmount", "amendments.errors.paidTrancheChanged"),
};

function noticeGrant(grant: Target, groupId: string): NoticeGrant {
  return { id: grant.id, groupId, groupName: grant.group.name, applicationTitle: grant.applicationTitle };
}

async function lockRunning(tx: DbOrTx, grantId: string) {
  const locked = await lockGrant(tx, grantId);
  if (!locked) return refuse(404, { "": "grants.errors.notFound" });
  if (!(running as readonly string[]).includes(locked.status)) return refuse(409, { "": "amendments.errors.notRunning" });
  return locked;
}

interface Plan {
  awardedAmount: bigint;
  tranches: readonly { trancheId: string | null; amount: bigint; waitsFor: string }[];
  reports: readonly { key: string; months: number }[];
}

/**
 * Checks a plan against the grant as it is now (its row locked): tranches of this grant, each at
 * most once; a tranche with money out or on its way kept as it is; what tranches wait for among the
 * grant's reports; report dates moved only for reports not approved; the award not below the money
 * out nor above what the round can still give.
 */
async function checkPlan(tx: DbOrTx, grantId: string, locked: { awardedAmount: bigint; releasedAmount: bigint }, plan: Plan): Promise<void> {
  const grant = await loadGrant(grantId, tx);
  if (!grant) return refuse(404, { "": "grants.errors.notFound" });
  const sum = plan.tranches.reduce((total, t) => total + t.amount, 0n);
  if (plan.tranches.length === 0 || sum !== plan.awardedAmount) refuse(400, { trancheAmount: "amendments.errors.trancheSum" });
  const ids = plan.tranches.flatMap((t) => (t.trancheId ? [t.trancheId] : []));
  if (new Set(ids).size !== ids.length || ids.some((id) => !grant.tranches.some((t) => t.id === id))) refuse(400, { trancheAmount: "amendments.errors.unknownTranche" });
  const reports = await reportPlanOf(grantId, tx);
  for (const t of plan.tranches) {
    const key = reportKeyOf(t.waitsFor);
    if (t.waitsFor !== "signing" && (key === null || !reports.some((r) => r.key === key))) refuse(400, { trancheWaitsFor: "amendments.errors.waitsFor" });
  }
  // The award first: a cut below the money out is said as such, not as a tranche that cannot change.
  if (plan.awardedAmount - locked.releasedAmount < (await liveMoneyOfGrant(tx, grantId))) refuse(400, { awardedAmount: "amendments.errors.belowPaid" });
  const money = await moneyInTranches(tx, grantId);
  for (const tranche of grant.tranches) {
    if ((money.get(tranche.id) ?? 0n) <= 0n) continue;
    const planned = plan.tranches.find((t) => t.trancheId === tranche.id);
    if (!planned || planned.amount !== tranche.amount || planned.waitsFor !== tranche.waitsFor) refuse(400, { trancheAmount: "amendments.errors.paidTrancheChanged" });
  }
  for (const item of plan.reports) {
    const report = reports.find((r) => r.key === item.key);
    if (!report) refuse(400, { reportMonths: "amendments.errors.unknownReport" });
    if (report.status === "approved" && report.months !== item.months) refuse(400, { reportMonths: "amendments.errors.reportApproved" });
  }
  const growth = plan.awardedAmount - locked.awardedAmount;
  if (growth > 0n && growth > (await roundRoom(tx, grant.round.id))) refuse(400, { awardedAmount: "amendments.errors.overBudget" });
}

/**
 * An admin proposes a new version. The first amendment of a grant first writes version 1, the
 * agreement as the group accepted it, so that every version can be read and printed.
 */
export async function proposeAmendment(grant: Target, input: ProposeAmendmentInput, actor: Actor): Promise<CommandResult<{ notice: "amendments.propose.done"; version: number }>> {
  return run(async (tx) => {
    const locked = await lockRunning(tx, grant.id);
    const [open] = await tx
      .select({ id: grantVersions.id })
      .from(grantVersions)
      .where(and(eq(grantVersions.grantId, grant.id), inArray(grantVersions.status, ["proposed", "approved"])));
    if (open) return refuse(409, { "": "amendments.errors.alreadyOpen" });
    await checkPlan(tx, grant.id, locked, input);
    const [{ last }] = await tx.select({ last: max(grantVersions.version) }).from(grantVersions).where(eq(grantVersions.grantId, grant.id));
    if (last === null) {
      const original = await loadGrant(grant.id, tx);
      const terms = await currentTerms(original!, tx);
      // The agreement as accepted: written as it stands, not a change of state (nothing moved).
      await tx.insert(grantVersions).values({
        grantId: grant.id,
        version: 1,
        status: "accepted",
        awardedAmount: terms.awardedAmount,
        conditions: terms.conditions,
        endsOn: terms.endsOn,
        tranchePlan: terms.tranches,
        reportPlan: terms.reports,
        proposedAt: original!.createdAt,
        acceptedBy: original!.acceptance?.by ?? null,
        acceptedAt: original!.acceptance?.at ?? null,
        acceptanceConsent: original!.acceptance ? JSON.stringify(original!.acceptance.consent) : null,
      });
    }
    const version = (last ?? 1) + 1;
    if (input.changeRequestId) {
      const [request] = await tx
        .select({ id: grantChangeRequests.id })
        .from(grantChangeRequests)
        .where(and(eq(grantChangeRequests.id, input.changeRequestId), eq(grantChangeRequests.grantId, grant.id)));
      if (!request) return refuse(404, { "": "amendments.errors.unknownRequest" });
    }
    const [row] = await tx
      .insert(grantVersions)
      .values({
        grantId: grant.id,
        version,
        status: "proposed",
        reason: input.reason,
        awardedAmount: input.awardedAmount,
        conditions: input.conditions,
        endsOn: input.endsOn,
        tranchePlan: input.tranches.map((t) => ({ trancheId: t.trancheId, amount: t.amount.toString(), waitsFor: t.waitsFor })),
        reportPlan: input.reports,
        changeRequestId: input.changeRequestId,
        proposedBy: actor.user.id,
      })
      .returning({ id: grantVersions.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "grant_version.proposed",
      entityType: grantVersionMachine.entity,
      entityId: row.id,
      ip: actor.ip,
      data: { grantId: grant.id, version, reason: input.reason, awardedAmount: input.awardedAmount.toString() },
    });
    if (input.changeRequestId) {
      await applyTransition(tx, changeRequestMachine, {
        table: grantChangeRequests,
        id: input.changeRequestId,
        to: "amended",
        actor,
        as: partiesOf(actor.user),
        set: { answeredBy: actor.user.id, answeredAt: new Date() },
        data: { version },
        notFound: "amendments.errors.unknownRequest",
      });
      await tellGroupOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.requestAmended", { version }, actor.user.id);
    }
    await tellStaffOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.proposed", { version, reason: input.reason }, actor.user.id);
    return { notice: "amendments.propose.done" as const, version };
  }, { constraints });
}

async function versionOf(tx: DbOrTx, grantId: string, versionId: string) {
  const [row] = await tx.select().from(grantVersions).where(and(eq(grantVersions.id, versionId), eq(grantVersions.grantId, grantId)));
  return row ?? refuse(404, { "": "amendments.errors.unknownVersion" });
}

/** A second admin approves the proposal (the database refuses the proposer); the group is asked to accept it. */
export async function approveAmendment(grant: Target, versionId: string, actor: Actor): Promise<CommandResult<{ notice: "amendments.approve.done" }>> {
  return run(async (tx) => {
    const locked = await lockRunning(tx, grant.id);
    const version = await versionOf(tx, grant.id, versionId);
    // A clear word before the database's CHECK, which stays the last word.
    if (version.proposedBy === actor.user.id) return refuse(403, { "": "amendments.errors.samePerson" });
    await applyTransition(tx, grantVersionMachine, {
      table: grantVersions,
      id: versionId,
      to: "approved",
      actor,
      as: partiesOf(actor.user),
      set: { approvedBy: actor.user.id, approvedAt: new Date() },
      data: { grantId: grant.id, version: version.version },
    });
    await tellGroupOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.toAccept", { version: version.version, reason: version.reason }, actor.user.id);
    return { notice: "amendments.approve.done" as const };
  }, { constraints });
}

/** Staff withdraw an amendment not yet accepted, saying why (the group reads it if it was asked). */
export async function withdrawAmendment(grant: Target, input: CloseAmendmentInput, actor: Actor): Promise<CommandResult<{ notice: "amendments.withdraw.done" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    const version = await versionOf(tx, grant.id, input.versionId);
    await applyTransition(tx, grantVersionMachine, {
      table: grantVersions,
      id: input.versionId,
      to: "withdrawn",
      actor,
      as: partiesOf(actor.user),
      set: { closedBy: actor.user.id, closedAt: new Date(), closeReason: input.reason },
      data: { grantId: grant.id, version: version.version, reason: input.reason },
    });
    if (version.status === "approved") {
      await tellGroupOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.withdrawn", { version: version.version, reason: input.reason }, actor.user.id);
    }
    return { notice: "amendments.withdraw.done" as const };
  });
}

export type AmendmentAcceptance = { by: "owner"; signature: string } | { by: "facilitator"; consentBy: string; consentMethod: "signed" | "oral_witnessed"; witnessName: string };

/**
 * The group accepts the new version: in one transaction the grant takes its terms (award,
 * conditions, tranches, report dates), checked again against the money as it is now (a tranche
 * paid since the proposal is no longer the amendment's to change).
 */
export async function acceptAmendment(grant: Target, versionId: string, acceptance: AmendmentAcceptance, actor: Actor): Promise<CommandResult<{ notice: "amendments.accept.done" }>> {
  return run(async (tx) => {
    const locked = await lockRunning(tx, grant.id);
    const version = await versionOf(tx, grant.id, versionId);
    if (version.status !== "approved") return refuse(409, { "": "amendments.errors.notApproved" });
    const plan = {
      awardedAmount: version.awardedAmount,
      tranches: version.tranchePlan.map((t) => ({ trancheId: t.trancheId, amount: BigInt(t.amount), waitsFor: t.waitsFor })),
      reports: version.reportPlan,
    };
    await checkPlan(tx, grant.id, locked, plan);
    const reports = await reportPlanOf(grant.id, tx);
    const approvedReports = new Set(reports.filter((r) => r.status === "approved").map((r) => r.key));
    await applyAmendedTerms(tx, grant.id, { awardedAmount: plan.awardedAmount, conditions: version.conditions, tranches: plan.tranches }, approvedReports, actor.user.id);
    await moveReports(tx, grant.id, plan.reports);
    const consent: AcceptanceConsent =
      acceptance.by === "owner"
        ? { method: "self", signature: acceptance.signature }
        : acceptance.consentMethod === "oral_witnessed"
          ? { method: "oral_witnessed", consentBy: acceptance.consentBy, witnessName: acceptance.witnessName }
          : { method: "signed", consentBy: acceptance.consentBy };
    await applyTransition(tx, grantVersionMachine, {
      table: grantVersions,
      id: versionId,
      to: "accepted",
      actor: { ...actor, onBehalfOf: acceptance.by === "facilitator" ? `group:${locked.groupId}` : null },
      as: ["owner"],
      set: { acceptedBy: actor.user.id, acceptedAt: new Date(), acceptanceConsent: JSON.stringify(consent) },
      data: { grantId: grant.id, version: version.version, consent, awardedAmount: plan.awardedAmount.toString() },
    });
    await tellStaffOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.accepted", { version: version.version }, actor.user.id);
    return { notice: "amendments.accept.done" as const };
  }, { constraints });
}

/** The group declines the new version, saying why: the agreement in force stays. */
export async function declineAmendment(grant: Target, input: CloseAmendmentInput, actor: Actor, onBehalf: boolean): Promise<CommandResult<{ notice: "amendments.decline.done" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    const version = await versionOf(tx, grant.id, input.versionId);
    await applyTransition(tx, grantVersionMachine, {
      table: grantVersions,
      id: input.versionId,
      to: "declined",
      actor: { ...actor, onBehalfOf: onBehalf ? `group:${locked.groupId}` : null },
      as: ["owner"],
      set: { closedBy: actor.user.id, closedAt: new Date(), closeReason: input.reason },
      data: { grantId: grant.id, version: version.version, reason: input.reason },
    });
    await tellStaffOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.declined", { version: version.version, reason: input.reason }, actor.user.id);
    return { notice: "amendments.decline.done" as const };
  });
}

/** The group (its leader, or its facilitator for it) asks for a change, saying why; admins are told. */
export async function askForChange(grant: Target, input: AskForChangeInput, actor: Actor, onBehalf: boolean): Promise<CommandResult<{ notice: "amendments.ask.done" }>> {
  return run(async (tx) => {
    const locked = await lockRunning(tx, grant.id);
    const [row] = await tx.insert(grantChangeRequests).values({ grantId: grant.id, reason: input.reason, askedBy: actor.user.id }).returning({ id: grantChangeRequests.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      onBehalfOf: onBehalf ? `group:${locked.groupId}` : null,
      action: "change_request.open",
      entityType: changeRequestMachine.entity,
      entityId: row.id,
      ip: actor.ip,
      data: { grantId: grant.id, reason: input.reason },
    });
    await tellStaffOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.requested", { reason: input.reason }, actor.user.id);
    return { notice: "amendments.ask.done" as const };
  });
}

/** Staff decline a group's request with a reason the group reads. */
export async function declineChangeRequest(grant: Target, input: DeclineRequestInput, actor: Actor): Promise<CommandResult<{ notice: "amendments.requestDecline.done" }>> {
  return run(async (tx) => {
    const locked = await lockGrant(tx, grant.id);
    if (!locked) return refuse(404, { "": "grants.errors.notFound" });
    const [request] = await tx
      .select({ id: grantChangeRequests.id })
      .from(grantChangeRequests)
      .where(and(eq(grantChangeRequests.id, input.requestId), eq(grantChangeRequests.grantId, grant.id)));
    if (!request) return refuse(404, { "": "amendments.errors.unknownRequest" });
    await applyTransition(tx, changeRequestMachine, {
      table: grantChangeRequests,
      id: input.requestId,
      to: "declined",
      actor,
      as: partiesOf(actor.user),
      set: { answeredBy: actor.user.id, answeredAt: new Date(), answer: input.reason },
      data: { grantId: grant.id, reason: input.reason },
    });
    await tellGroupOfAmendment(tx, noticeGrant(grant, locked.groupId), "amendments.notice.requestDeclined", { reason: input.reason }, actor.user.id);
    return { notice: "amendments.requestDecline.done" as const };
  });
}

