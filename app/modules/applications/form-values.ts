// Saved answers written back as a form posts them (strings), so that the same schemas check them
// again at submission and the same inputs show them on every device.

export interface SavedAnswers {
  title: string;
  activityType: string | null;
  naturalResource: string;
  location: string;
  problem: string;
  plan: string;
  ownContributionCash: bigint;
  ownContributionKind: string;
  membersTakingPart: number | null;
  womenTakingPart: number | null;
  baselineIncome: bigint | null;
  targetIncome: bigint | null;
  environmentalCare: string;
}

export interface SavedLine {
  item: string;
  quantity: number;
  unitCost: bigint;
}

export interface FormValues {
  title: string;
  activityType: string;
  naturalResource: string;
  location: string;
  problem: string;
  plan: string;
  item: string[];
  quantity: string[];
  unitCost: string[];
  ownContributionCash: string;
  ownContributionKind: string;
  membersTakingPart: string;
  womenTakingPart: string;
  baselineIncome: string;
  targetIncome: string;
  environmentalCare: string;
}

const str = (v: bigint | number | null) => (v === null ? "" : String(v));

export function toFormValues(saved: SavedAnswers, lines: SavedLine[]): FormValues {
  return {
    title: saved.title,
    activityType: saved.activityType ?? "",
    naturalResource: saved.naturalResource,
    location: saved.location,
    problem: saved.problem,
    plan: saved.plan,
    item: lines.map((l) => l.item),
    quantity: lines.map((l) => String(l.quantity)),
    unitCost: lines.map((l) => String(l.unitCost)),
    // Nothing given reads as empty, not as "0", so that the field does not look answered.
    ownContributionCash: saved.ownContributionCash === 0n ? "" : String(saved.ownContributionCash),
    ownContributionKind: saved.ownContributionKind,
    membersTakingPart: str(saved.membersTakingPart),
    womenTakingPart: str(saved.womenTakingPart),
    baselineIncome: str(saved.baselineIncome),
    targetIncome: str(saved.targetIncome),
    environmentalCare: saved.environmentalCare,
  };
}
