import type { TrancheTemplateItem } from "../../../db/schema";

export interface PlannedTranche {
  position: number;
  percent: number;
  amount: bigint;
  /** "signing", "report:<key>" for the outcome report the tranche waits for, or "spending:<key>" for a spending report. */
  waitsFor: string;
}

/** The stored form of what a tranche waits for. */
export function waitsForKey(item: TrancheTemplateItem["waitsFor"]): string {
  if (item === "signing") return "signing";
  return "spending" in item ? `spending:${item.spending}` : `report:${item.report}`;
}

/**
 * Splits an award into the round's tranches in whole đồng: each tranche is rounded down and the
 * remainder goes to the last, so the tranches always sum exactly to the award (a deferred
 * database trigger checks the same at commit).
 */
export function splitTranches(award: bigint, template: readonly TrancheTemplateItem[]): PlannedTranche[] {
  if (award <= 0n) throw new RangeError("an award is positive");
  if (template.length === 0 || template.reduce((sum, t) => sum + t.percent, 0) !== 100) {
    throw new RangeError("tranche percentages must sum to 100");
  }
  const planned = template.map((item, index) => ({
    position: index + 1,
    percent: item.percent,
    amount: (award * BigInt(item.percent)) / 100n,
    waitsFor: waitsForKey(item.waitsFor),
  }));
  const rest = award - planned.reduce((sum, t) => sum + t.amount, 0n);
  planned[planned.length - 1]!.amount += rest;
  return planned;
}
