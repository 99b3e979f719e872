import type { reviews as vi } from "../vi/reviews";

export const reviews: Record<keyof typeof vi, string> = {
  "reviews.title": "Reviews",
};
