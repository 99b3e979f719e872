import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { loader as rootLoader } from "../root";
import { hasCatalogue, translator, type Translate } from "./i18n";
import { loadCatalogue } from "./load-catalogue";
import { defaultLocale } from "./locales";

/**
 * The translator for the language of the page being shown. The browser holds only the language
 * the page was loaded in; when a navigation changes it (logging in to an account that chose the
 * other language), the other catalogue is fetched and the page re-renders with it.
 */
export function useT(): Translate {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const locale = data?.locale ?? defaultLocale;
  const [, setLoaded] = useState(0);
  const ready = hasCatalogue(locale);
  useEffect(() => {
    if (!ready) void loadCatalogue(locale).then(() => setLoaded((n) => n + 1));
  }, [locale, ready]);
  // Cheap to make (two closures), and remade when the catalogue arrives.
  return translator(locale);
}
