import type { screening as vi } from "../vi/screening";

export const screening: Record<keyof typeof vi, string> = {
  "screening.title": "Screening",
};
