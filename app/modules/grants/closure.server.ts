import { and, desc, eq } from "drizzle-orm";
import { applications, grantClosures, grants } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { User } from "../../kernel/actor";
import { loadAgreementForReader } from "./agreement.server";
import type { ClosureLetterView } from "./closure-letter";
import { closureOf } from "./completion.server";

/** A closed grant's letter, for whoever may read the grant (its group's people, admin, finance); 404 otherwise or while it is open. */
export async function loadClosureLetter(grantId: string, user: User): Promise<ClosureLetterView & { reader: string }> {
  const { grant, reader } = await loadAgreementForReader(grantId, user);
  const closure = grant.status === "completed" ? await closureOf(grant.id) : null;
  if (!closure) throw new Response("Not found", { status: 404 });
  return {
    reader,
    grantId: grant.id,
    programmeVi: grant.programme.nameVi,
    programmeEn: grant.programme.nameEn,
    donor: grant.programme.donor,
    groupName: grant.group.name,
    village: grant.group.village,
    commune: grant.group.commune,
    applicationTitle: grant.applicationTitle,
    roundVi: grant.round.titleVi,
    roundEn: grant.round.titleEn,
    awardedAmount: grant.awardedAmount,
    closedAt: closure.closedAt,
    paid: closure.paid,
    returned: closure.returned,
    spent: closure.spent,
    refunded: closure.refunded,
    ownCash: closure.ownCash,
    ownInKindValue: closure.ownInKindValue,
  };
}

/** The group's closed grants with the day each closed: its page links to their letters. The caller checks the reader's link to the group. */
export function closedGrantsOfGroup(groupId: string) {
  return db
    .select({ grantId: grants.id, title: applications.title, closedAt: grantClosures.closedAt })
    .from(grantClosures)
    .innerJoin(grants, eq(grants.id, grantClosures.grantId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(and(eq(grants.groupId, groupId), eq(grants.status, "completed")))
    .orderBy(desc(grantClosures.closedAt));
}
