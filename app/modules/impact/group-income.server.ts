import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { grants, groupFacilitators, groups, outcomeReports, provinces, rounds } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { requireUuid } from "../../kernel/ids";
import { requireGroupReader } from "../groups/access.server";
import type { User } from "../../kernel/actor";
import { grantFacts, type GrantFact } from "./facts.server";
import type { ImpactFilters } from "./impact.schema";
import { heldBy } from "../groups/access.server";

// Income over time, group by group: for staff (admin and finance) any group; for a group's leader
// and its facilitators only their own groups (groups/access.server.ts). Reviewers see no outcomes.

export const GROUPS_PAGE_SIZE = 50;

export function isStaff(user: User): boolean {
  return user.roles.includes("admin") || user.roles.includes("finance");
}

/** The groups a leader or facilitator stands for (never staff's "all groups"). */
async function ownGroupIds(user: User): Promise<string[]> {
  const conditions = [];
  if (user.roles.includes("applicant")) conditions.push(heldBy(user.id));
  if (user.roles.includes("facilitator")) conditions.push(eq(groupFacilitators.userId, user.id));
  if (conditions.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: groups.id })
    .from(groups)
    .leftJoin(groupFacilitators, eq(groupFacilitators.groupId, groups.id))
    .where(or(...conditions));
  return rows.map((r) => r.id);
}

/**
 * One page of funded groups with their baseline, latest and change: every group for staff
 * (with the dashboard's filters), the user's own groups for a leader or facilitator.
 */
export async function listIncomeGroups(user: User, filters: ImpactFilters, page: number): Promise<{ rows: GrantFact[]; hasNext: boolean }> {
  const groupIds = isStaff(user) ? undefined : await ownGroupIds(user);
  const rows = await grantFacts(filters, { offset: (page - 1) * GROUPS_PAGE_SIZE, limit: GROUPS_PAGE_SIZE + 1 }, groupIds);
  return { rows: rows.slice(0, GROUPS_PAGE_SIZE), hasNext: rows.length > GROUPS_PAGE_SIZE };
}

export interface IncomePoint {
  key: string;
  labelVi: string;
  labelEn: string;
  months: number;
  income: bigint;
  womenEarning: number | null;
  reviewedAt: Date | null;
}

export interface GrantIncome {
  grantId: string;
  roundVi: string;
  roundEn: string;
  awarded: bigint;
  acceptedAt: Date | null;
  /** The baseline and every approved report with its income, by months after signing. */
  points: IncomePoint[];
  /** Reports still with the group or with staff: not on the chart until approved. */
  waiting: number;
}

/**
 * A group's income over time, after checking the user may read it: staff always, the group's
 * leader and facilitators for their own group, anyone else 404 (as if it did not exist).
 */
export async function loadGroupIncome(user: User, groupId: string) {
  requireUuid(groupId);
  if (!isStaff(user)) await requireGroupReader(user, groupId);
  const [group] = await db
    .select({ id: groups.id, name: groups.name, provinceVi: provinces.nameVi, provinceEn: provinces.nameEn })
    .from(groups)
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug))
    .where(eq(groups.id, groupId));
  if (!group) throw new Response("Not found", { status: 404 });
  const grantRows = await db
    .select({
      grantId: grants.id,
      roundVi: rounds.titleVi,
      roundEn: rounds.titleEn,
      awarded: grants.awardedAmount,
      acceptedAt: grants.acceptedAt,
    })
    .from(grants)
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .where(and(eq(grants.groupId, groupId), ne(grants.status, "cancelled")))
    .orderBy(asc(grants.createdAt));
  const reports = grantRows.length
    ? await db
        .select({
          grantId: outcomeReports.grantId,
          key: outcomeReports.key,
          labelVi: outcomeReports.labelVi,
          labelEn: outcomeReports.labelEn,
          months: outcomeReports.months,
          status: outcomeReports.status,
          income: outcomeReports.avgMonthlyIncome,
          womenEarning: outcomeReports.womenEarning,
          reviewedAt: outcomeReports.reviewedAt,
        })
        .from(outcomeReports)
        .where(inArray(outcomeReports.grantId, grantRows.map((g) => g.grantId)))
        .orderBy(asc(outcomeReports.months), asc(outcomeReports.key))
    : [];
  const series: GrantIncome[] = grantRows.map((g) => {
    const own = reports.filter((r) => r.grantId === g.grantId);
    return {
      ...g,
      points: own
        .filter((r) => r.status === "approved" && r.income !== null)
        .map((r) => ({ key: r.key, labelVi: r.labelVi, labelEn: r.labelEn, months: r.months, income: r.income!, womenEarning: r.womenEarning, reviewedAt: r.reviewedAt })),
      waiting: own.filter((r) => r.status === "submitted" || r.status === "changes_requested" || r.status === "draft").length,
    };
  });
  return { group, grants: series };
}
