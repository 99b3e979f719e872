import type { groups as vi } from "../vi/groups";

export const groups: Record<keyof typeof vi, string> = {
  "groups.title": "Groups",
};
