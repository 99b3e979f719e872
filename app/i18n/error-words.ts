import type { Translate } from "./i18n";

/** What an error page says for a status, in the reader's language: the app's pages and its files alike. */
export function errorWords(t: Translate, status: number): { title: string; body: string } {
  if (status === 403) return { title: t("error.403.title"), body: t("error.403.body") };
  if (status === 404) return { title: t("error.404.title"), body: t("error.404.body") };
  if (status >= 500) return { title: t("error.500.title"), body: t("error.500.body") };
  return { title: t("error.other.title"), body: "" };
}
