import { and, eq, gte, sql } from "drizzle-orm";
import type { z } from "zod";
import { applications, auditLog, budgetLines, rounds } from "../../../db/schema";
import { db, type Tx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { isEditable, linesOf } from "./applications.server";
import { type ApplicationField, type budgetSchema, type environmentSchema, type outcomesSchema, type projectSchema } from "./applications.schema";

export interface StepData {
  1: z.output<typeof projectSchema>;
  2: z.output<typeof budgetSchema>;
  3: z.output<typeof outcomesSchema>;
  4: z.output<typeof environmentSchema>;
}

export type SavedAmounts = { requestedAmount: bigint; ownContributionCash: bigint; baselineIncome: bigint | null; targetIncome: bigint | null };

type Row = typeof applications.$inferSelect;
type Changes = Partial<Pick<Row, Exclude<ApplicationField, "budgetLines" | "attachments">>>;
interface Line {
  item: string;
  quantity: number;
  unitCost: bigint;
}

// One audit row per person per stretch of typing: autosave posts every few seconds.
const AUTOSAVE_AUDIT_EVERY_MS = 10 * 60 * 1000;

/** The columns a step's post sets, counting only the fields that were in the post. */
function changesFrom<S extends keyof StepData>(step: S, data: StepData[S], present: Set<string>): { changes: Changes; lines: Line[] | null } {
  const changes: Record<string, unknown> = {};
  let lines: Line[] | null = null;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!present.has(key)) continue;
    if (key === "item" || key === "quantity" || key === "unitCost") continue;
    if (key === "activityType") changes[key] = value === "" ? null : value;
    else if (key === "ownContributionCash") changes[key] = value ?? 0n;
    else changes[key] = value;
  }
  if (step === 2 && (present.has("item") || present.has("quantity") || present.has("unitCost"))) {
    const { item, quantity, unitCost } = data as StepData[2];
    lines = [];
    for (let i = 0; i < Math.max(item.length, quantity.length, unitCost.length); i++) {
      const q = quantity[i];
      const c = unitCost[i];
      // The schema has made sure a row is either complete or wholly empty.
      if (item[i] && q != null && c != null) lines.push({ item: item[i], quantity: q, unitCost: c });
    }
  }
  return { changes: changes as Changes, lines };
}

function sameLines(a: Line[], b: Line[]): boolean {
  return a.length === b.length && a.every((l, i) => l.item === b[i].item && l.quantity === b[i].quantity && l.unitCost === b[i].unitCost);
}

/**
 * Saves one step of a draft. Only the format of the answers has been checked: a draft may be
 * half done. While a clarification is open only the reopened fields may change; a post that
 * changes anything else is refused whole.
 */
export async function saveStep<S extends keyof StepData>(
  actor: Actor,
  applicationId: string,
  step: S,
  data: StepData[S],
  present: Set<string>,
  options: { reached: number; autosave: boolean },
): Promise<CommandResult<{ amounts: SavedAmounts }>> {
  const { changes, lines } = changesFrom(step, data, present);
  return db.transaction(async (tx) => {
    // Locked: two tabs saving at once apply one after the other, and a submission cannot slip between.
    const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
    if (!row) return { ok: false, status: 400, errors: { "": "errors.invalid" } };
    if (!isEditable(row.status)) return { ok: false, status: 409, errors: { "": "applications.errors.notEditable" } };

    const errors: Record<string, string> = {};
    if (changes.activityType) {
      const [round] = await tx.select({ eligible: rounds.eligibleActivities }).from(rounds).where(eq(rounds.id, row.roundId));
      if (!round.eligible.includes(changes.activityType)) errors.activityType = "applications.errors.activityNotInRound";
    }
    const merged = { ...row, ...changes };
    if (merged.womenTakingPart !== null && merged.womenTakingPart > (merged.membersTakingPart ?? 0)) {
      errors[present.has("womenTakingPart") ? "womenTakingPart" : "membersTakingPart"] = "applications.errors.womenMoreThanMembers";
    }

    const before = lines ? await linesOf(applicationId, tx) : [];
    const changed = new Set<ApplicationField>();
    for (const [key, value] of Object.entries(changes) as [keyof Changes, unknown][]) {
      if (row[key] !== value) changed.add(key);
    }
    if (lines && !sameLines(before, lines)) changed.add("budgetLines");

    if (row.status === "clarification_requested") {
      for (const field of changed) {
        if (row.reopenedFields.includes(field)) continue;
        const formField = field === "budgetLines" ? "item" : field;
        errors[formField] = "applications.errors.fieldLocked";
      }
    }
    if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };

    if (lines && changed.has("budgetLines")) await replaceLines(tx, applicationId, lines);
    const [saved] = await tx
      .update(applications)
      .set({
        ...changes,
        step: sql`greatest(${applications.step}, ${Math.min(options.reached, 6)})`,
        updatedAt: new Date(),
        ...(changed.has("budgetLines")
          ? { requestedAmount: sql`(select coalesce(sum(${budgetLines.total}), 0) from ${budgetLines} where ${budgetLines.applicationId} = ${applicationId})` }
          : {}),
      })
      .where(eq(applications.id, applicationId))
      .returning();

    if (changed.size > 0 && !(options.autosave && (await savedRecently(tx, actor, applicationId)))) {
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf: actor.onBehalfOf,
        action: "application.saved",
        entityType: "application",
        entityId: applicationId,
        ip: actor.ip,
        data: { step, fields: [...changed], status: row.status, ...(options.autosave ? { autosave: true } : {}) },
      });
    }
    return {
      ok: true,
      amounts: {
        requestedAmount: saved.requestedAmount,
        ownContributionCash: saved.ownContributionCash,
        baselineIncome: saved.baselineIncome,
        targetIncome: saved.targetIncome,
      },
    };
  });
}

async function replaceLines(tx: Tx, applicationId: string, lines: Line[]) {
  // The page is the truth: what the person sees in the rows, in that order, is the budget.
  await tx.delete(budgetLines).where(eq(budgetLines.applicationId, applicationId));
  if (lines.length > 0) {
    await tx.insert(budgetLines).values(lines.map((line, position) => ({ applicationId, position, ...line })));
  }
}

async function savedRecently(tx: Tx, actor: Actor, applicationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "application"),
        eq(auditLog.entityId, applicationId),
        eq(auditLog.action, "application.saved"),
        eq(auditLog.actorId, actor.user.id),
        gte(auditLog.at, new Date(Date.now() - AUTOSAVE_AUDIT_EVERY_MS)),
      ),
    )
    .limit(1);
  return Boolean(row);
}
