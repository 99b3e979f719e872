import { asc, eq, inArray } from "drizzle-orm";
import { grants, tranches } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import { reportKeyOf } from "./tranche-status";

// A grant takes the terms of an amended agreement (issue 14, item 1), in the caller's transaction,
// with the grant's row already locked. The amendments module decides when (on the group's
// acceptance) and checks the terms; the database keeps the money rules (tranches sum to the award
// at commit, no tranche or award below the money already out, the round's budget).

export interface AmendedTerms {
  awardedAmount: bigint;
  conditions: string;
  /** The new plan in order: an existing tranche's id to keep or resize it, null for a new one. */
  tranches: readonly { trancheId: string | null; amount: bigint; waitsFor: string }[];
}

/**
 * Rewrites the grant's award, conditions and tranches. A tranche left out of the plan is deleted
 * (the caller leaves out only tranches with no money); a tranche that waits for something else now
 * is due at once when that is the signing or an approved report (`approvedReports`).
 */
export async function applyAmendedTerms(tx: DbOrTx, grantId: string, terms: AmendedTerms, approvedReports: ReadonlySet<string>, byUserId: string): Promise<void> {
  const existing = await tx
    .select({ id: tranches.id, waitsFor: tranches.waitsFor })
    .from(tranches)
    .where(eq(tranches.grantId, grantId))
    .orderBy(asc(tranches.position))
    .for("update");
  const kept = new Set(terms.tranches.flatMap((t) => (t.trancheId ? [t.trancheId] : [])));
  const dropped = existing.filter((t) => !kept.has(t.id)).map((t) => t.id);
  if (dropped.length > 0) await tx.delete(tranches).where(inArray(tranches.id, dropped));
  // Positions are unique per grant: move the kept ones out of the way before numbering again.
  const keptIds = existing.filter((t) => kept.has(t.id)).map((t) => t.id);
  for (const id of keptIds) {
    const index = existing.findIndex((t) => t.id === id);
    await tx.update(tranches).set({ position: 10_000 + index }).where(eq(tranches.id, id));
  }
  const now = new Date();
  const metNow = (waitsFor: string) => {
    const key = reportKeyOf(waitsFor);
    return waitsFor === "signing" || (key !== null && approvedReports.has(key));
  };
  for (const [index, planned] of terms.tranches.entries()) {
    const percent = Number((planned.amount * 100n) / terms.awardedAmount);
    const before = planned.trancheId ? existing.find((t) => t.id === planned.trancheId) : undefined;
    if (before) {
      const moved = before.waitsFor !== planned.waitsFor;
      await tx
        .update(tranches)
        .set({
          position: index + 1,
          amount: planned.amount,
          percent,
          waitsFor: planned.waitsFor,
          ...(moved ? (metNow(planned.waitsFor) ? { conditionMetAt: now, conditionMetBy: byUserId } : { conditionMetAt: null, conditionMetBy: null }) : {}),
        })
        .where(eq(tranches.id, before.id));
    } else {
      const met = metNow(planned.waitsFor);
      await tx.insert(tranches).values({
        grantId,
        position: index + 1,
        amount: planned.amount,
        percent,
        waitsFor: planned.waitsFor,
        conditionMetAt: met ? now : null,
        conditionMetBy: met ? byUserId : null,
      });
    }
  }
  await tx.update(grants).set({ awardedAmount: terms.awardedAmount, conditions: terms.conditions }).where(eq(grants.id, grantId));
}
