import { messagesArea } from "../load-catalogue";

/** The shell (header, footer, error pages) and the words every form shares: root.tsx asks for it. */
export const common = await messagesArea("common", async (locale) =>
  locale === "en" ? (await import("../en/common")).common : (await import("../vi/common")).common,
);
