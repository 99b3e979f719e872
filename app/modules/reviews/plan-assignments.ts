// The automatic assignment, as a pure function so that its fairness can be read and tested apart
// from the database: least-loaded reviewers first, never one with a conflict, never twice the same.

export interface ReviewerLoad {
  id: string;
  /** Open assignments (not yet submitted) across every round. */
  load: number;
}

export interface ApplicationNeed {
  id: string;
  groupId: string;
  /** Reviewers already on it, in any status (a recused one included: never again). */
  reviewers: readonly string[];
  /** How many of those still count towards the round's number (all but the recused). */
  active: number;
}

export interface PlannedAssignment {
  applicationId: string;
  reviewerId: string;
}

export interface AssignmentPlan {
  planned: PlannedAssignment[];
  /** Applications that could not get all their reviewers, and how many are missing. */
  short: { applicationId: string; missing: number }[];
}

/**
 * Gives each application `perApplication` reviewers. `excluded(reviewerId, groupId)` says whether
 * a reviewer may not review that group (a declared conflict, or her own group). Ties on load go
 * to the reviewer given fewer applications in this plan, then to the earlier one in the list, so
 * the same input always gives the same plan.
 */
export function planAssignments(input: {
  applications: readonly ApplicationNeed[];
  reviewers: readonly ReviewerLoad[];
  perApplication: number;
  excluded: (reviewerId: string, groupId: string) => boolean;
}): AssignmentPlan {
  const load = new Map(input.reviewers.map((r) => [r.id, r.load]));
  const given = new Map(input.reviewers.map((r) => [r.id, 0]));
  const order = new Map(input.reviewers.map((r, i) => [r.id, i]));
  const plan: AssignmentPlan = { planned: [], short: [] };
  for (const application of input.applications) {
    const taken = new Set(application.reviewers);
    let missing = input.perApplication - application.active;
    while (missing > 0) {
      let best: string | null = null;
      for (const reviewer of input.reviewers) {
        if (taken.has(reviewer.id) || input.excluded(reviewer.id, application.groupId)) continue;
        if (
          best === null ||
          load.get(reviewer.id)! < load.get(best)! ||
          (load.get(reviewer.id) === load.get(best) &&
            (given.get(reviewer.id)! < given.get(best)! ||
              (given.get(reviewer.id) === given.get(best) && order.get(reviewer.id)! < order.get(best)!)))
        ) {
          best = reviewer.id;
        }
      }
      if (best === null) break;
      taken.add(best);
      load.set(best, load.get(best)! + 1);
      given.set(best, given.get(best)! + 1);
      plan.planned.push({ applicationId: application.id, reviewerId: best });
      missing--;
    }
    if (missing > 0) plan.short.push({ applicationId: application.id, missing });
  }
  return plan;
}
