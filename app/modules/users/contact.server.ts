import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { writeAudit } from "../audit/audit.server";
import { preferencesFor, setPreferences, type PhoneChannel } from "../notifications/preferences.server";

/**
 * A person changes how she is reached. Her agreement to phone notices, or its withdrawal, is in the
 * audit log with the date (the choice, never the number).
 */
export async function changeContactPreferences(actor: Actor, choice: { phoneChannel: PhoneChannel; email: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await preferencesFor(actor.user.id, tx);
    const after = await setPreferences(tx, actor.user.id, choice);
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "user.contact_preferences_changed",
      entityType: "user",
      entityId: actor.user.id,
      ip: actor.ip,
      data: {
        before: { phoneChannel: before.phoneChannel, email: before.email },
        after: { phoneChannel: after.phoneChannel, email: after.email },
        phoneAgreement: !before.phoneAgreedAt && after.phoneAgreedAt ? "given" : before.phoneAgreedAt && !after.phoneAgreedAt ? "withdrawn" : "unchanged",
      },
    });
  });
}

