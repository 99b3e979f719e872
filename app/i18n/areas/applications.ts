import { messagesArea } from "../load-catalogue";

/** The application wizard and what the group sees of its applications. */
export const applications = await messagesArea("applications", async (locale) =>
  locale === "en" ? (await import("../en/applications")).applications : (await import("../vi/applications")).applications,
);
