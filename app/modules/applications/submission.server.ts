import { eq } from "drizzle-orm";
import { applications, groups } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import type { Actor } from "../../kernel/actor";
import { refuse, refuseAll, run } from "../../kernel/command.server";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { groupLeader, groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
import { acceptsSubmissions, findRound, type Round } from "../programmes/rounds.server";
import { roleHolders } from "../users/audiences.server";
import { linesOf, type Application } from "./applications.server";
import { completeApplicationSchema } from "./applications.schema";
import { toFormValues } from "./form-values";
import { applicationMachine } from "./machine";

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
export async function submitApplication(actor: Actor, applicationId: string): Promise<CommandResult> {
  return run(async (tx) => {
    const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
    if (!row) refuseAll(404, "errors.invalid");
    if (row.status !== "draft") refuseAll(409, "applications.submit.already");
    const round = await findRound(row.roundId, tx);
    if (!round || !acceptsSubmissions(round)) refuseAll(400, "applications.errors.roundClosed");
    const errors = missingOrWrong(row, await linesOf(applicationId, tx), round);
    if (Object.keys(errors).length > 0) refuse(400, { "": "applications.errors.incomplete", ...errors });

    const now = new Date();
    await applyTransition(tx, applicationMachine, {
      table: applications,
      id: applicationId,
      to: "submitted",
      actor,
      as: partiesOf(actor.user, { owner: true }),
      set: { submittedAt: now, submittedBy: actor.user.id, consentAt: now, step: 6, updatedAt: now },
      data: { requestedAmount: String(row.requestedAmount), consent: true },
    });
    await announce(tx, row, round);
    return {};
  });
}

/**
 * The group's people and every admin hear of it in the app; the leader and the admins by e-mail
 * too (the facilitators, who usually submitted it themselves, only in the app).
 */
async function announce(tx: DbOrTx, row: Application, round: Round) {
  const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, row.groupId));
  // One after the other: a transaction is one connection (and PGlite runs one query at a time).
  const people = await groupPeople(row.groupId)(tx);
  const leader = await groupLeader(row.groupId)(tx);
  const admins = await roleHolders("admin")(tx);
  const link = `/applications/${row.id}`;
  const props = {
    groupName: group.name,
    title: row.title,
    roundTitleVi: round.titleVi,
    roundTitleEn: round.titleEn,
    amount: String(row.requestedAmount),
    link: `${getEnv().appUrl}${link}`,
  };
  const mail = (audience: "group" | "staff") => ({ template: "application-submitted" as const, props: (r: { name: string }) => ({ ...props, name: r.name, audience }) });
  await tell(tx, {
    to: leader,
    email: mail("group"),
    phone: { text: "application-received", params: () => ({ title: row.title, group: group.name }) },
  });
  // One e-mail per address: a leader who is also an admin gets the group's.
  const leaderEmails = new Set(leader.map((p) => p.email));
  await tell(tx, { to: admins.filter((p) => !leaderEmails.has(p.email)), email: mail("staff") });
  await tell(tx, { to: [...people, ...admins], inApp: { messageKey: "applications.notice.submitted", params: { title: row.title, group: group.name }, link } });
}
