import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logOut } from "../modules/auth/auth.server";
import { getUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";

export const handle: RouteHandle = { access: "public" };

// Logging out changes state, so it is a POST; a GET only sends people home.
export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const setCookie = await logOut(request, user?.id ?? null, await requestMeta(request, context));
  // The phone forgets the field app's copies of pages and its queue (DECISIONS.md 54); the page
  // warned about unsent forms before this post.
  return redirect("/", { headers: { "Set-Cookie": setCookie, "Clear-Site-Data": '"cache", "storage"' } });
}
