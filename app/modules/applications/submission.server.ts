import { and, eq, isNull } from "drizzle-orm";
import { applications, groupFacilitators, groups, userRoles, users } from "../../../db/schema";
import { db, type Tx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { recordTransition } from "../audit/transitions.server";
import { notify, queueEmail } from "../notifications/notifications.server";
import { acceptsSubmissions, findRound, type Round } from "../programmes/rounds.server";
import { linesOf, type Actor, type Application } from "./applications.server";
import { completeApplicationSchema } from "./applications.schema";
import { toFormValues } from "./form-values";
import { applicationTransitions } from "./transitions";

export type SubmitOutcome = { ok: true } | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> };

/** Every answer the submission needs, checked with the full schema over what is saved. */
export function missingOrWrong(row: Application, lines: { item: string; quantity: number; unitCost: bigint }[], round: Pick<Round, "eligibleActivities">) {
  const errors: Record<string, string> = {};
  const parsed = completeApplicationSchema.safeParse(toFormValues(row, lines));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
  }
  if (row.activityType && !errors.activityType && !round.eligibleActivities.includes(row.activityType)) {
    errors.activityType = "applications.errors.activityNotInRound";
  }
  return errors;
}

/**
 * Draft → submitted, once. The row is locked first, so a double click or a repeated post waits
 * for the first to commit and then finds the application already submitted: one transition, one
 * audit row, one e-mail per recipient.
 */
export async function submitApplication(actor: Actor, applicationId: string): Promise<SubmitOutcome> {
  return db.transaction(async (tx): Promise<SubmitOutcome> => {
    const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
    if (!row) return { ok: false, status: 404, errors: { "": "errors.invalid" } };
    if (row.status !== "draft") return { ok: false, status: 409, errors: { "": "applications.submit.already" } };
    const round = await findRound(row.roundId, tx);
    if (!round || !acceptsSubmissions(round)) return { ok: false, status: 400, errors: { "": "applications.errors.roundClosed" } };
    const errors = missingOrWrong(row, await linesOf(applicationId, tx), round);
    if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors: { "": "applications.errors.incomplete", ...errors } };

    const now = new Date();
    await recordTransition(tx, applicationTransitions, {
      entityType: "application",
      entityId: applicationId,
      from: "draft",
      to: "submitted",
      actor: { id: actor.user.id, as: ["owner"], onBehalfOf: actor.onBehalfOf, ip: actor.ip },
      data: { requestedAmount: String(row.requestedAmount), consent: true },
    });
    await tx
      .update(applications)
      .set({ status: "submitted", submittedAt: now, submittedBy: actor.user.id, consentAt: now, step: 6, updatedAt: now })
      .where(eq(applications.id, applicationId));
    await announce(tx, row, round);
    return { ok: true };
  });
}

interface Recipient {
  id: string;
  name: string;
  email: string | null;
  locale: "vi" | "en";
}

/** The group (its leader's account, its facilitators in the app) and every admin hear of it. */
async function announce(tx: Tx, row: Application, round: Round) {
  const [group] = await tx.select({ name: groups.name, ownerId: groups.ownerId }).from(groups).where(eq(groups.id, row.groupId));
  const person = { id: users.id, name: users.name, email: users.email, locale: users.locale };
  const owner: Recipient[] = group.ownerId
    ? await tx.select(person).from(users).where(and(eq(users.id, group.ownerId), isNull(users.disabledAt)))
    : [];
  const facilitators: Recipient[] = await tx
    .select(person)
    .from(groupFacilitators)
    .innerJoin(users, eq(users.id, groupFacilitators.userId))
    .where(and(eq(groupFacilitators.groupId, row.groupId), isNull(users.disabledAt)));
  const admins: Recipient[] = await tx
    .select(person)
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "admin"), isNull(users.disabledAt)));

  const link = `/applications/${row.id}`;
  const props = {
    groupName: group.name,
    title: row.title,
    roundTitleVi: round.titleVi,
    roundTitleEn: round.titleEn,
    amount: String(row.requestedAmount),
    link: `${getEnv().appUrl}${link}`,
  };
  const mailed = new Set<string>();
  for (const [audience, people] of [["group", owner], ["staff", admins]] as const) {
    for (const p of people) {
      if (!p.email || mailed.has(p.email)) continue;
      mailed.add(p.email);
      await queueEmail(tx, { to: p.email, locale: p.locale, template: "application-submitted", props: { ...props, name: p.name, audience } });
    }
  }
  const noticed = new Set<string>();
  for (const p of [...owner, ...facilitators, ...admins]) {
    if (noticed.has(p.id)) continue;
    noticed.add(p.id);
    await notify(tx, { userId: p.id, messageKey: "applications.notice.submitted", params: { title: row.title, group: group.name }, link });
  }
}
