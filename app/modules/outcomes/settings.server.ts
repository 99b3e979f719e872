import { outcomeSettings } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { writeAudit } from "../audit/audit.server";
import { DEFAULT_MAX_MONTHLY_INCOME, DEFAULT_REMINDER_DAYS, type SettingsInput } from "./outcomes.schema";

export interface OutcomeSettings {
  maxMonthlyIncome: bigint;
  reminderDaysBefore: number;
}

/** The programme's reporting rules; the defaults until an admin saves them. */
export async function getOutcomeSettings(tx: DbOrTx = db): Promise<OutcomeSettings> {
  const [row] = await tx.select().from(outcomeSettings).limit(1);
  return {
    maxMonthlyIncome: row?.maxMonthlyIncome ?? DEFAULT_MAX_MONTHLY_INCOME,
    reminderDaysBefore: row?.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS,
  };
}

/** Saves the rules (one row, upserted) with an audit row naming the old and new values. */
export async function saveOutcomeSettings(input: SettingsInput, actor: { id: string; ip: string }): Promise<void> {
  const values = { maxMonthlyIncome: input.maxMonthlyIncome!, reminderDaysBefore: input.reminderDaysBefore!, updatedBy: actor.id, updatedAt: new Date() };
  await db.transaction(async (tx) => {
    const before = await getOutcomeSettings(tx);
    await tx.insert(outcomeSettings).values({ id: true, ...values }).onConflictDoUpdate({ target: outcomeSettings.id, set: values });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "outcome_settings.changed",
      entityType: "outcome_settings",
      entityId: null,
      ip: actor.ip,
      data: {
        before: { maxMonthlyIncome: before.maxMonthlyIncome.toString(), reminderDaysBefore: before.reminderDaysBefore },
        after: { maxMonthlyIncome: values.maxMonthlyIncome.toString(), reminderDaysBefore: values.reminderDaysBefore },
      },
    });
  });
}
