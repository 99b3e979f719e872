import { readFilters, type ImpactFilters } from "./impact.schema";

/** The request's filters, or a 400 naming the malformed ones (read by the error page). */
export function requireImpactFilters(request: Request): ImpactFilters {
  const { filters, invalid } = readFilters(new URL(request.url).searchParams);
  if (invalid.length > 0) throw new Response(`Bad filter: ${invalid.join(", ")}`, { status: 400 });
  return filters;
}
