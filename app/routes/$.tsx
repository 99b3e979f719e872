import type { RouteHandle } from "../modules/auth/permissions";

export const handle: RouteHandle = { access: "public" };

// Any address no other route matches. Throwing here (rather than letting Remix find no route)
// lets the root loader run, so the 404 page is in the reader's language.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
