import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "./locales";

/** The language a person chose on this device, kept for a year; works without JavaScript. */
export const localeCookie = createCookie("gieo_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

/** The chosen language: this device's choice, else the account's, else Vietnamese. */
export async function getLocale(request: Request, userLocale?: Locale | null): Promise<Locale> {
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return userLocale ?? defaultLocale;
}
