import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { grantChangeRequests, grantVersions, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { User } from "../../kernel/actor";
import { can, partiesOf } from "../../kernel/machine";
import { hasPermission } from "../auth/permissions";
import { loadAgreementForReader } from "../grants/agreement.server";
import { reportPlanOf } from "../outcomes/report-plan.server";
import { changeRequestMachine, grantVersionMachine, type ChangeRequestStatus, type GrantVersionStatus } from "./machine";
import { currentTerms, roundRoom } from "./terms.server";
import { moneyInTranches } from "../disbursements/tranche-money.server";

// Reading a grant's versions and the group's requests (issue 14, item 1). Who may read is the
// agreement's rule (loadAgreementForReader); what each reader may do comes from the machines.

const proposer = alias(users, "proposer");
const approver = alias(users, "approver");
const acceptor = alias(users, "acceptor");
const closer = alias(users, "closer");

/** Every version of the grant, the latest first, with who proposed, approved, accepted or closed it. */
export async function versionsOf(grantId: string) {
  const rows = await db
    .select({
      version: grantVersions,
      proposedByName: proposer.name,
      approvedByName: approver.name,
      acceptedByName: acceptor.name,
      closedByName: closer.name,
    })
    .from(grantVersions)
    .leftJoin(proposer, eq(proposer.id, grantVersions.proposedBy))
    .leftJoin(approver, eq(approver.id, grantVersions.approvedBy))
    .leftJoin(acceptor, eq(acceptor.id, grantVersions.acceptedBy))
    .leftJoin(closer, eq(closer.id, grantVersions.closedBy))
    .where(eq(grantVersions.grantId, grantId))
    .orderBy(desc(grantVersions.version));
  return rows.map((r) => ({ ...r.version, status: r.version.status as GrantVersionStatus, proposedByName: r.proposedByName, approvedByName: r.approvedByName, acceptedByName: r.acceptedByName, closedByName: r.closedByName }));
}

export type GrantVersion = Awaited<ReturnType<typeof versionsOf>>[number];

/**
 * The version in force: the accepted one with the highest number, and since when. A grant never
 * amended is in version 1 since its acceptance (null when not accepted yet).
 */
export async function versionInForce(grantId: string, acceptedAt: Date | null): Promise<{ version: number; since: Date | null }> {
  const [row] = await db
    .select({ version: grantVersions.version, since: grantVersions.acceptedAt, endsOn: grantVersions.endsOn })
    .from(grantVersions)
    .where(and(eq(grantVersions.grantId, grantId), eq(grantVersions.status, "accepted")))
    .orderBy(desc(grantVersions.version))
    .limit(1);
  return row ? { version: row.version, since: row.since } : { version: 1, since: acceptedAt };
}

/** The amendment waiting for a second admin or for the group, if any: the agreement page points to it. */
export async function pendingVersion(grantId: string): Promise<{ version: number; status: GrantVersionStatus } | null> {
  const [row] = await db
    .select({ version: grantVersions.version, status: grantVersions.status })
    .from(grantVersions)
    .where(and(eq(grantVersions.grantId, grantId), inArray(grantVersions.status, ["proposed", "approved"])))
    .limit(1);
  return row ? { version: row.version, status: row.status as GrantVersionStatus } : null;
}

/** The group's requests for a change, the latest first. */
export async function changeRequestsOf(grantId: string) {
  const asker = alias(users, "asker");
  const answerer = alias(users, "answerer");
  const rows = await db
    .select({ request: grantChangeRequests, askedByName: asker.name, answeredByName: answerer.name })
    .from(grantChangeRequests)
    .innerJoin(asker, eq(asker.id, grantChangeRequests.askedBy))
    .leftJoin(answerer, eq(answerer.id, grantChangeRequests.answeredBy))
    .where(eq(grantChangeRequests.grantId, grantId))
    .orderBy(desc(grantChangeRequests.askedAt));
  return rows.map((r) => ({ ...r.request, status: r.request.status as ChangeRequestStatus, askedByName: r.askedByName, answeredByName: r.answeredByName }));
}

/** The amendments page: the grant's versions, its open amendment, the group's requests, and what this reader may do. */
export async function loadAmendmentsPage(grantId: string, user: User) {
  const { grant, reader } = await loadAgreementForReader(grantId, user);
  const [versions, requests, inForce] = await Promise.all([versionsOf(grant.id), changeRequestsOf(grant.id), versionInForce(grant.id, grant.acceptance?.at ?? null)]);
  const open = versions.find((v) => v.status === "proposed" || v.status === "approved") ?? null;
  const staff = partiesOf(user);
  const group = reader === "owner" || reader === "facilitator";
  const runningGrant = grant.status === "active" || grant.status === "suspended";
  return {
    grant: { id: grant.id, status: grant.status, applicationTitle: grant.applicationTitle, group: grant.group, round: grant.round, awardedAmount: grant.awardedAmount, acceptedAt: grant.acceptance?.at ?? null },
    reader,
    versions,
    requests,
    inForce,
    open,
    canPropose: hasPermission(user.roles, "manage:grants") && runningGrant && open === null,
    // The proposer sees the approve button too: the refusal says why a second admin must approve.
    canApprove: open !== null && can(grantVersionMachine, open.status, "approved", staff),
    canWithdraw: open !== null && can(grantVersionMachine, open.status, "withdrawn", staff),
    canAccept: group && open !== null && can(grantVersionMachine, open.status, "accepted", ["owner"]),
    canAsk: group && runningGrant,
    canAnswer: can(changeRequestMachine, "open", "declined", staff),
  };
}

/** The proposal form: the grant's terms now, its reports (to move and to wait for), and the request it answers. */
export async function loadProposalForm(grantId: string, user: User) {
  const { grant } = await loadAgreementForReader(grantId, user);
  const [terms, reports, requests, versions, money, room] = await Promise.all([
    currentTerms(grant),
    reportPlanOf(grant.id),
    changeRequestsOf(grant.id),
    versionsOf(grant.id),
    moneyInTranches(db, grant.id),
    roundRoom(db, grant.round.id),
  ]);
  const open = versions.some((v) => v.status === "proposed" || v.status === "approved");
  return {
    grant: { id: grant.id, status: grant.status, applicationTitle: grant.applicationTitle, group: grant.group, round: grant.round, awardedAmount: grant.awardedAmount },
    terms,
    tranches: grant.tranches.map((t) => ({ id: t.id, position: t.position, amount: t.amount, waitsFor: t.waitsFor, locked: (money.get(t.id) ?? 0n) > 0n })),
    reports,
    room,
    openRequests: requests.filter((r) => r.status === "open").map((r) => ({ id: r.id, reason: r.reason })),
    canPropose: (grant.status === "active" || grant.status === "suspended") && !open,
  };
}

/**
 * One version's printable page. A grant never amended has no rows yet: its version 1 is the
 * agreement as it stands. Another number is "not found".
 */
export async function loadVersionPage(grantId: string, versionParam: string, user: User) {
  const { grant } = await loadAgreementForReader(grantId, user);
  const number = /^\d{1,4}$/.test(versionParam) ? Number(versionParam) : NaN;
  const versions = await versionsOf(grant.id);
  let version = versions.find((v) => v.version === number);
  if (!version && number === 1 && versions.length === 0) {
    const terms = await currentTerms(grant);
    version = {
      id: grant.id,
      grantId: grant.id,
      version: 1,
      status: "accepted",
      reason: "",
      awardedAmount: terms.awardedAmount,
      conditions: terms.conditions,
      endsOn: terms.endsOn,
      tranchePlan: terms.tranches,
      reportPlan: terms.reports,
      changeRequestId: null,
      proposedBy: null,
      proposedAt: grant.createdAt,
      approvedBy: null,
      approvedAt: null,
      acceptedBy: grant.acceptance?.by ?? null,
      acceptedAt: grant.acceptance?.at ?? null,
      acceptanceConsent: null,
      closedBy: null,
      closedAt: null,
      closeReason: null,
      proposedByName: null,
      approvedByName: null,
      acceptedByName: grant.acceptance?.byName ?? null,
      closedByName: null,
    };
  }
  if (!version) throw new Response("Not found", { status: 404 });
  return {
    grant: { id: grant.id, applicationTitle: grant.applicationTitle, group: grant.group, round: grant.round, programme: grant.programme },
    version,
  };
}
