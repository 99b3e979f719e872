import { messagesArea } from "../load-catalogue";

/** Logging in, registering, invitations and passwords. */
export const auth = await messagesArea("auth", async (locale) =>
  locale === "en" ? (await import("../en/auth")).auth : (await import("../vi/auth")).auth,
);
