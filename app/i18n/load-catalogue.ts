import { hasCatalogue, registerCatalogue } from "./i18n";
import type { Locale } from "./locales";

/** Fetches one language's catalogue (its own chunk) in the browser and registers it. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (hasCatalogue(locale)) return;
  if (locale === "en") registerCatalogue("en", (await import("./en")).en);
  else registerCatalogue("vi", (await import("./vi")).vi);
}
