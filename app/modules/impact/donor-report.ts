import type { ImpactSlice } from "./dashboard.server";

// The donor report (`/admin/impact/report`) leaves small cells out: a province, ethnic group or
// activity with only a few grants can point at one village's group, and the report leaves the
// organisation as a PDF. Staff keep the full breakdowns on the dashboard. DECISIONS.md #17.

/** Fewer grants than this in a row (or in the whole selection) and it is not shown to donors. */
export const DONOR_MIN_GRANTS = 5;

/** The rows a donor may see, and how many were left out. */
export function shareable(slices: ImpactSlice[]): { shown: ImpactSlice[]; hidden: number } {
  const shown = slices.filter((s) => s.grants >= DONOR_MIN_GRANTS);
  return { shown, hidden: slices.length - shown.length };
}
