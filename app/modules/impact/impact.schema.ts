import { activityTypes, type ActivityType } from "../programmes/activities";
import { isUuid } from "../../kernel/ids";

// Safe on the client: the dashboard's filters, read from the query string (GET forms, so every
// view has a URL to bookmark, print or send), and the fixed bins of the income histogram.

export interface ImpactFilters {
  programme?: string;
  round?: string;
  /** groups.province_slug */
  province?: string;
  /** A two-digit code of reference/ethnic-groups.json: groups with at least one member of it. */
  ethnicity?: string;
  activity?: ActivityType;
}

export const filterNames = ["programme", "round", "province", "ethnicity", "activity"] as const;
export type FilterName = (typeof filterNames)[number];

const formats: Record<FilterName, (value: string) => boolean> = {
  programme: isUuid,
  round: isUuid,
  province: (v) => /^[a-z][a-z-]{1,39}$/.test(v),
  ethnicity: (v) => /^\d{2}$/.test(v),
  activity: (v) => (activityTypes as readonly string[]).includes(v),
};

/**
 * The filters in a query string. An empty value means "all". A malformed value is reported, not
 * dropped: figures that silently cover everything would mislead a donor. A well-formed id that
 * matches nothing simply gives empty figures.
 */
export function readFilters(params: URLSearchParams): { filters: ImpactFilters; invalid: FilterName[] } {
  const filters: Record<string, string> = {};
  const invalid: FilterName[] = [];
  for (const name of filterNames) {
    const value = (params.get(name) ?? "").trim();
    if (!value) continue;
    if (formats[name](value)) filters[name] = name === "programme" || name === "round" ? value.toLowerCase() : value;
    else invalid.push(name);
  }
  return { filters: filters as ImpactFilters, invalid };
}

/** "?programme=…&round=…" for links that keep the current filters (empty string when none). */
export function filterQuery(filters: ImpactFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The histogram of income change, in per cent of the baseline: 8 bins of 25 points from −50 %
 * to +150 %, plus one open bin below and one above. The same numbers go to PostgreSQL's
 * `width_bucket(change_pct, -50, 150, 8)`: bin 0 is below −50, bin k (1…8) is
 * [−50 + 25(k−1), −50 + 25k), bin 9 is 150 and above. "No change" (0 %) falls in [0, 25).
 */
export const HISTOGRAM = { min: -50, max: 150, bins: 8 } as const;
export const HISTOGRAM_STEP = (HISTOGRAM.max - HISTOGRAM.min) / HISTOGRAM.bins;

/** The lower and upper edge of a histogram bin (null where the bin is open). */
export function binEdges(bin: number): { from: number | null; to: number | null } {
  if (bin <= 0) return { from: null, to: HISTOGRAM.min };
  if (bin > HISTOGRAM.bins) return { from: HISTOGRAM.max, to: null };
  return { from: HISTOGRAM.min + HISTOGRAM_STEP * (bin - 1), to: HISTOGRAM.min + HISTOGRAM_STEP * bin };
}

/** The datasets a donor can download. */
export const exportDatasets = ["grants", "disbursements", "outcomes"] as const;
export type ExportDataset = (typeof exportDatasets)[number];
export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];
