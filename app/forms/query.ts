/** A 1-based page number from ?page=, defaulting to 1 and capped against absurd offsets. */
export function pageNumber(url: URL): number {
  const value = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(value) && value >= 1 && value <= 10_000 ? value : 1;
}
