import type { programmes as vi } from "../vi/programmes";

export const programmes: Record<keyof typeof vi, string> = {
  "programmes.title": "Programmes",
};
