import { z } from "zod";
import { wholeNumber } from "../../forms/fields";

// The scoreboard's query string and its one form, safe on the client.

export const scoreboardSorts = ["score", "spread", "amount"] as const;
export type ScoreboardSort = (typeof scoreboardSorts)[number];

export const decidedFilters = ["all", "undecided", "decided"] as const;
export type DecidedFilter = (typeof decidedFilters)[number];

export interface ScoreboardView {
  sort: ScoreboardSort;
  dir: "asc" | "desc";
  decided: DecidedFilter;
  flagged: boolean;
}

// A hand-edited or stale link shows the default view rather than an error page.
const viewSchema = z.object({
  sort: z.enum(scoreboardSorts).catch("score"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  decided: z.enum(decidedFilters).catch("all"),
  flagged: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

export function readView(params: URLSearchParams): ScoreboardView {
  return viewSchema.parse({
    sort: params.get("sort") ?? undefined,
    dir: params.get("dir") ?? undefined,
    decided: params.get("decided") ?? undefined,
    flagged: params.get("flagged") ?? undefined,
  });
}

/** The query string of a view, defaults left out, so links stay short. */
export function viewQuery(view: ScoreboardView): string {
  const params = new URLSearchParams();
  if (view.sort !== "score") params.set("sort", view.sort);
  if (view.dir !== "desc") params.set("dir", view.dir);
  if (view.decided !== "all") params.set("decided", view.decided);
  if (view.flagged) params.set("flagged", "1");
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Points out of 100 by which two reviewers' scores may differ before the row is flagged. */
export const spreadThresholdSchema = z.object({ spreadThreshold: wholeNumber({ min: 0, max: 100 }) });
