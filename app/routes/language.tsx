import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { redirectPath } from "../forms/fields";
import { parseForm } from "../forms/parse-form.server";
import { localeCookie } from "../i18n/locale.server";
import { locales } from "../i18n/locales";
import { getUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { setLocale } from "../modules/users/users.server";

export const handle: RouteHandle = { access: "public" };

const languageSchema = z.object({ locale: z.enum(locales), redirectTo: redirectPath() });

export async function loader() {
  throw redirect("/");
}

/** Switches the language with a plain form post, remembered on this device and on the account. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, languageSchema);
  if (!form.ok) throw new Response("Bad request", { status: 400 });
  const user = await getUser(request);
  if (user) await setLocale(user.id, form.data.locale);
  return redirect(form.data.redirectTo, {
    headers: { "Set-Cookie": await localeCookie.serialize(form.data.locale) },
  });
}
