// The one id guard. Ids come from URLs and forms: a malformed one is "not found", never a query
// that the database refuses with a 500.

/** An id inside a larger pattern (the field app's page addresses, modules/offline/paths.ts). */
export const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const UUID = new RegExp(`^${UUID_PATTERN}$`, "i");

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The id, or a thrown 404 response (for loaders and actions reading route params). */
export function requireUuid(value: string | undefined | null): string {
  if (!isUuid(value)) throw new Response("Not found", { status: 404 });
  return value;
}
