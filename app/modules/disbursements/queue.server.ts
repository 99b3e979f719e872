import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
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
import type { DisbursementStatus } from "./machine";

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
/** Rows of each section on the overview, which links to the whole section. */
export const OVERVIEW_SIZE = 10;

/**
 * "Money is still to prepare on this tranche": its amount is more than what is taken of it (its
 * live disbursements less the approved returns of them, issue 14: a bounced tranche is due
 * again), a figure the database keeps on the tranche (migration tranche_taken). Written as the
 * partial index tranches_open_idx has it, so that the queue walks only open tranches.
 */
export const trancheOwed = () => sql`${tranches.amount} > ${tranches.taken}`;

/**
 * Tranches due with something left to prepare, oldest condition first. The page is found first
 * on the tranches alone (walking the partial index of open tranches, stopping once the page is
 * full), and only its rows are joined to their grant, group and project.
 */
export async function dueTranchesPage(page: number, size = QUEUE_PAGE_SIZE) {
  const found = db
    .select({
      trancheId: sql<string>`${tranches.id}`.as("tranche_id"),
      grantId: sql<string>`${tranches.grantId}`.as("page_grant_id"),
      position: sql<number>`${tranches.position}`.as("position"),
      amount: sql<string>`${tranches.amount}::text`.as("amount"),
      remaining: sql<string>`(${tranches.amount} - ${tranches.taken})::text`.as("remaining"),
      conditionMetAt: sql<Date>`${tranches.conditionMetAt}`.as(
        "condition_met_at",
      ),
    })
    .from(tranches)
    .where(
      and(
        trancheIsDue(),
        isNotNull(tranches.conditionMetAt),
        trancheOwed(),
      ),
    )
    .orderBy(asc(tranches.conditionMetAt), asc(tranches.id))
    .limit(size + 1)
    .offset((page - 1) * size)
    .as("page");
  const rows = await db
    .select({
      trancheId: found.trancheId,
      grantId: found.grantId,
      position: found.position,
      amount: found.amount,
      remaining: found.remaining,
      conditionMetAt: found.conditionMetAt,
      groupName: groups.name,
      title: applications.title,
    })
    .from(found)
    .innerJoin(grants, eq(grants.id, found.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .orderBy(asc(found.conditionMetAt), asc(found.trancheId));
  return pageOf(
    size,
    rows.map((r) => ({
      ...r,
      amount: BigInt(r.amount),
      remaining: BigInt(r.remaining),
      conditionMetAt: new Date(r.conditionMetAt),
    })),
  );
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

/**
 * Disbursements in one section: the oldest first, except problems, the newest first. The page's
 * ids are picked on the disbursements alone (by their status index), then joined.
 */
export async function disbursementsPage(section: Exclude<QueueSection, "due">, page: number, size = QUEUE_PAGE_SIZE) {
  const newestFirst = section === "problems";
  const picked = db
    .select({
      pickedId: sql<string>`${disbursements.id}`.as("picked_id"),
      sortAt:
        sql<Date>`${newestFirst ? disbursements.updatedAt : disbursements.preparedAt}`.as(
          "sort_at",
        ),
    })
    .from(disbursements)
    .where(inArray(disbursements.status, sectionStatuses[section]))
    .orderBy(
      newestFirst
        ? desc(disbursements.updatedAt)
        : asc(disbursements.preparedAt),
      asc(disbursements.id),
    )
    .limit(size + 1)
    .offset((page - 1) * size)
    .as("picked");
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
    .from(picked)
    .innerJoin(disbursements, eq(disbursements.id, picked.pickedId))
    .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(preparer, eq(preparer.id, disbursements.preparedBy))
    .leftJoin(approver, eq(approver.id, disbursements.approvedBy))
    .orderBy(
      newestFirst ? desc(picked.sortAt) : asc(picked.sortAt),
      asc(picked.pickedId),
    );
  return pageOf(size, rows);
}

function pageOf<T>(size: number, rows: T[]) {
  return { rows: rows.slice(0, size), hasNext: rows.length > size };
}
