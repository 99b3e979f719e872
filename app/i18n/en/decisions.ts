import type { decisions as vi } from "../vi/decisions";

export const decisions: Record<keyof typeof vi, string> = {
  "decisions.title": "Funding decisions",
};
