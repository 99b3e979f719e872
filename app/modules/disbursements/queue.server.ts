import {
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  applications,
  disbursements,
  grants,
  groups,
  tranches,
  users,
} from "../../../db/schema";
import { db } from "../../infra/db.server";
import { trancheIsDue } from "./due.server";
import {
  liveDisbursementStatuses,
  type DisbursementStatus,
} from "./transitions";

// What finance works through (SPEC.md step 8): tranches due with money still to prepare, and
// disbursements waiting for a second person, for payment, or for attention after Stripe failed or
// reversed them. Each list is paginated on its own; the first page of each shows on /finance.

export const queueSections = [
  "due",
  "approval",
  "payment",
  "problems",
] as const;
export type QueueSection = (typeof queueSections)[number];

export const QUEUE_PAGE_SIZE = 25;

const live = sql.join(
  liveDisbursementStatuses.map((s) => sql`${s}`),
  sql`, `,
);

/** Live sums per tranche, as a subquery (built per call: `db` is opened after this module loads). */
const liveByTrancheQuery = () =>
  db
    .select({
      trancheId: disbursements.trancheId,
      live: sql<string>`sum(${disbursements.amount})`.as("live"),
    })
    .from(disbursements)
    .where(sql`${disbursements.status} in (${live})`)
    .groupBy(disbursements.trancheId)
    .as("live_by_tranche");

/** Tranches due with something left to prepare, oldest condition first. */
export async function dueTranchesPage(page: number) {
  const liveByTranche = liveByTrancheQuery();
  const remaining = sql<string>`(${tranches.amount} - coalesce(${liveByTranche.live}, 0))`;
  const rows = await db
    .select({
      trancheId: tranches.id,
      grantId: grants.id,
      position: tranches.position,
      amount: tranches.amount,
      remaining: sql<string>`${remaining}::text`,
      conditionMetAt: tranches.conditionMetAt,
      groupName: groups.name,
      title: applications.title,
    })
    .from(tranches)
    .innerJoin(grants, eq(grants.id, tranches.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .leftJoin(liveByTranche, eq(liveByTranche.trancheId, tranches.id))
    .where(and(trancheIsDue(), gt(remaining, sql`0`)))
    .orderBy(asc(tranches.conditionMetAt), asc(tranches.id))
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return pageOf(rows.map((r) => ({ ...r, remaining: BigInt(r.remaining) })));
}

const preparer = alias(users, "preparer");
const approver = alias(users, "approver");

const sectionStatuses: Record<
  Exclude<QueueSection, "due">,
  DisbursementStatus[]
> = {
  approval: ["prepared"],
  payment: ["approved", "processing"],
  problems: ["failed", "reversed"],
};

/** Disbursements in one section: the oldest first, except problems, the newest first. */
export async function disbursementsPage(
  section: Exclude<QueueSection, "due">,
  page: number,
) {
  const rows = await db
    .select({
      id: disbursements.id,
      grantId: disbursements.grantId,
      amount: disbursements.amount,
      method: disbursements.method,
      status: disbursements.status,
      preparedBy: disbursements.preparedBy,
      preparedAt: disbursements.preparedAt,
      preparerName: preparer.name,
      approverName: approver.name,
      failureMessage: disbursements.failureMessage,
      updatedAt: disbursements.updatedAt,
      position: tranches.position,
      groupName: groups.name,
    })
    .from(disbursements)
    .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(preparer, eq(preparer.id, disbursements.preparedBy))
    .leftJoin(approver, eq(approver.id, disbursements.approvedBy))
    .where(inArray(disbursements.status, sectionStatuses[section]))
    .orderBy(
      section === "problems"
        ? desc(disbursements.updatedAt)
        : asc(disbursements.preparedAt),
      asc(disbursements.id),
    )
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return pageOf(rows);
}

function pageOf<T>(rows: T[]) {
  return {
    rows: rows.slice(0, QUEUE_PAGE_SIZE),
    hasNext: rows.length > QUEUE_PAGE_SIZE,
  };
}
