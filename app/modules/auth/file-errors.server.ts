import type { LoaderFunctionArgs } from "@remix-run/node";
import { errorWords } from "../../i18n/error-words";
import { translator } from "../../i18n/i18n";
import { getLocale } from "../../i18n/locale.server";
import { getUser } from "./guards.server";

// Routes that answer with a file (a download, a photo, a CSV) have no page, so Remix sends what
// their guards throw as it is: a bare English "Not found". Wrapped in fileLoader, a refusal is a
// small page in the reader's language instead, like the app's own error page.

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

async function errorPage(request: Request, status: number): Promise<Response> {
  const user = await getUser(request);
  const t = translator(await getLocale(request, user?.locale));
  const { title, body } = errorWords(t, status);
  const html = `<!doctype html>
<html lang="${t.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Gieo</title></head>
<body><main><h1>${escape(title)} (${status})</h1>${body ? `<p>${escape(body)}</p>` : ""}<p><a href="/">${escape(t("error.home"))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** A file route's loader whose refusals (403, 404) are answered in words the reader can read. */
export function fileLoader(load: (args: LoaderFunctionArgs) => Promise<Response>) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    try {
      return await load(args);
    } catch (thrown) {
      if (thrown instanceof Response && (thrown.status === 403 || thrown.status === 404)) return errorPage(args.request, thrown.status);
      throw thrown;
    }
  };
}
