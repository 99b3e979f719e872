import type { payments as vi } from "../vi/payments";

export const payments: Record<keyof typeof vi, string> = {
  "payments.title": "Stripe payments",
};
