import { messagesArea } from "../load-catalogue";

/**
 * The whole catalogue, for the routes that do not name their areas: vite.config.ts adds this
 * import to every route module that imports nothing from i18n/areas/.
 */
export const all = await messagesArea("all", async (locale) =>
  locale === "en" ? (await import("../en")).en : (await import("../vi")).vi,
);
