import type { applications as vi } from "../vi/applications";

export const applications: Record<keyof typeof vi, string> = {
  "applications.title": "Grant applications",
};
