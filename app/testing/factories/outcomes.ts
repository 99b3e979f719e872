import { and, eq } from "drizzle-orm";
import { applications, grants, groupMembers, outcomeReports, tranches } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeGrant } from "./grants";

// A grant as the outcome work finds it: accepted some days ago (so its reports have due dates),
// the signing tranche met, a baseline from the application, and a small roster.

const DAY = 86_400_000;

export async function makeActiveGrant(
  options: { ownerId?: string; facilitatorIds?: string[]; acceptedDaysAgo?: number; accepted?: boolean; baseline?: bigint; members?: number; recorderId: string },
) {
  const made = await makeGrant({ ownerId: options.ownerId, facilitatorIds: options.facilitatorIds });
  // The baseline is the application's: written before the schedule would read it in real life, so
  // it is written on the baseline report here too.
  const baseline = options.baseline ?? 1_500_000n;
  await db.update(applications).set({ baselineIncome: baseline, womenTakingPart: 8, membersTakingPart: 10 }).where(eq(applications.id, made.applicationId));
  await db.update(outcomeReports).set({ avgMonthlyIncome: baseline, womenEarning: 8 }).where(and(eq(outcomeReports.grantId, made.grantId), eq(outcomeReports.key, "baseline")));
  if (options.accepted !== false) {
    const acceptedAt = new Date(Date.now() - (options.acceptedDaysAgo ?? 170) * DAY);
    await db.update(grants).set({ status: "active", acceptedAt, acceptedBy: options.ownerId ?? null }).where(eq(grants.id, made.grantId));
    await db.update(tranches).set({ conditionMetAt: acceptedAt }).where(and(eq(tranches.grantId, made.grantId), eq(tranches.waitsFor, "signing")));
  }
  const memberIds: string[] = [];
  for (let i = 0; i < (options.members ?? 3); i++) {
    const [member] = await db
      .insert(groupMembers)
      .values({
        groupId: made.groupId,
        name: `Thành viên ${i + 1}`,
        gender: "female",
        ethnicityCode: null,
        birthYear: 1980 + i,
        consentGivenOn: "2026-01-10",
        consentMethod: "signed",
        consentRecordedBy: options.recorderId,
      })
      .returning({ id: groupMembers.id });
    memberIds.push(member.id);
  }
  const reports = await db.select({ id: outcomeReports.id, key: outcomeReports.key }).from(outcomeReports).where(eq(outcomeReports.grantId, made.grantId));
  const reportId = (key: string) => reports.find((r) => r.key === key)!.id;
  return { ...made, memberIds, reportId };
}
