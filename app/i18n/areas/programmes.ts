import { messagesArea } from "../load-catalogue";

/** Programmes and rounds, and the activity types an application names. */
export const programmes = await messagesArea("programmes", async (locale) =>
  locale === "en" ? (await import("../en/programmes")).programmes : (await import("../vi/programmes")).programmes,
);
