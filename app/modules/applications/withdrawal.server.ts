import { eq } from "drizzle-orm";
import { applications, groups } from "../../../db/schema";
import type { Actor } from "../../kernel/actor";
import { refuseAll, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { requireGroupActor } from "../groups/access.server";
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";
import { applicationMachine } from "./machine";

// The group takes its application back (issue 16): a state of its own, "withdrawn", reached
// through the application's machine by the group's people only, from any state before it is
// decided for good. Reviews and screening stop with it, since both act only on their own states.

// The machine's own table, with the message the group reads when it is too late.
const withdrawalMachine = { ...applicationMachine, refused: "applications.withdraw.notPossible" };

/** Withdraws the application, with the reason the group gives (may be empty), audited; admins hear of it. */
export async function withdrawApplication(actor: Actor, applicationId: string, reason: string): Promise<CommandResult> {
  return run(async (tx) => {
    const [row] = isUuid(applicationId)
      ? await tx.select({ id: applications.id, groupId: applications.groupId, title: applications.title, status: applications.status }).from(applications).where(eq(applications.id, applicationId))
      : [];
    if (!row) refuseAll(404, "errors.invalid");
    const { onBehalfOf } = await requireGroupActor(actor.user, row.groupId, tx);
    // applyTransition locks the row and checks the state it finds, whatever was read above.
    const { from } = await applyTransition(tx, withdrawalMachine, {
      table: applications,
      id: row.id,
      to: "withdrawn",
      actor: { ...actor, onBehalfOf },
      as: partiesOf(actor.user, { owner: true }),
      set: { updatedAt: new Date() },
      data: { reason },
    });
    // A draft was never the programme's business; anything sent, screened or reviewed was.
    if (from !== "draft") {
      const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, row.groupId));
      await tell(tx, {
        to: roleHolders("admin"),
        except: actor.user.id,
        inApp: { messageKey: "applications.notice.withdrawn", params: { title: row.title, group: group?.name ?? "" }, link: `/admin/applications/${row.id}` },
      });
    }
    return {};
  });
}
