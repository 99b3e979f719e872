import type { grants as vi } from "../vi/grants";

export const grants: Record<keyof typeof vi, string> = {
  "grants.title": "Grants",
};
