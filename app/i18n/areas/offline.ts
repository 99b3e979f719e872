import { messagesArea } from "../load-catalogue";

/** The field app's words: the copy banner, the queue's count and page (modules/offline). */
export const offline = await messagesArea("offline", async (locale) =>
  locale === "en" ? (await import("../en/offline")).offline : (await import("../vi/offline")).offline,
);
