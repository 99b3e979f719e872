import type { AppLoadContext } from "@remix-run/node";
import { getLocale } from "../../i18n/locale.server";
import type { RequestMeta } from "./auth.server";

/** Who is asking, from where, in which language: what the auth commands record. */
export async function requestMeta(request: Request, context: AppLoadContext | undefined): Promise<RequestMeta> {
  return {
    ip: context?.ip ?? "",
    userAgent: request.headers.get("User-Agent"),
    locale: await getLocale(request),
  };
}
