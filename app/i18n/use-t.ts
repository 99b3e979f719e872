import { useMatches, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { loader as rootLoader } from "../root";
import { common } from "./areas/common";
import { translator, type Translate } from "./i18n";
import { hasAreas, loadAreas, type MessagesArea } from "./load-catalogue";
import { defaultLocale } from "./locales";

// Every page shows the shell's words: importing this module asks for the area "common".

/** What a route that names its areas puts in its `handle`, beside `access`. */
export interface MessagesHandle {
  /** The catalogue areas the page shows, besides "common": the modules it imports from i18n/areas/. */
  messages: MessagesArea[];
}

/**
 * The translator for the language of the page being shown. The browser holds only the language
 * the page was loaded in; when a navigation changes it (logging in to an account that chose the
 * other language), the same areas are fetched in the other language and the page re-renders.
 */
export function useT(): Translate {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const locale = data?.locale ?? defaultLocale;
  const matches = useMatches();
  const [, setLoaded] = useState(0);
  const ready = typeof document === "undefined" || hasAreas(locale);
  useEffect(() => {
    if (!ready) void loadAreas(locale).then(() => setLoaded((n) => n + 1));
  }, [locale, ready]);
  // Cheap to make (a few closures), and remade when the catalogue arrives.
  return translator(locale, typeof document === "undefined" ? outsideAreas(matches) : undefined);
}

/**
 * On the server, where every message is at hand: a key from an area the page did not ask for
 * would show as the bare key once the browser takes over. The tests that render such a page fail
 * on it; a production server writes it to its log.
 */
function outsideAreas(matches: ReturnType<typeof useMatches>) {
  const areas: MessagesArea[] = [];
  for (const match of matches) {
    if (match.id === "root") continue;
    const named = (match.handle as Partial<MessagesHandle> | undefined)?.messages;
    if (!named) return undefined; // This page has the whole catalogue.
    areas.push(...named);
  }
  return (key: string) => {
    if (common.keys?.has(key) || areas.some((area) => area.keys?.has(key))) return;
    const message = `Message "${key}" is not in this page's catalogue areas (${["common", ...areas.map((a) => a.name)].join(", ")})`;
    if (process.env.NODE_ENV === "production") console.error(message);
    else throw new Error(message);
  };
}
