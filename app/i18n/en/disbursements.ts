import type { disbursements as vi } from "../vi/disbursements";

export const disbursements: Record<keyof typeof vi, string> = {
  "disbursements.title": "Disbursements",
};
