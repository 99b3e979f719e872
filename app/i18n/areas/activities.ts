import { messagesArea } from "../load-catalogue";

/** What the activity types are called: the wizard's first step and its summary show them. */
export const activities = await messagesArea("activities", async (locale) =>
  locale === "en" ? (await import("../en/activities")).activities : (await import("../vi/activities")).activities,
);
