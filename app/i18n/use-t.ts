import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { loader as rootLoader } from "../root";
import { translator, type Translate } from "./i18n";
import { defaultLocale } from "./locales";

/** The translator for the language of the page being shown. */
export function useT(): Translate {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const locale = data?.locale ?? defaultLocale;
  return useMemo(() => translator(locale), [locale]);
}
