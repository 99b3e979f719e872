import type { Tone } from "../../components/ui/status-badge";
import type { ReviewStatus } from "./machine";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<ReviewStatus, Tone> = {
  assigned: "waiting",
  conflict: "neutral",
  in_progress: "waiting",
  submitted: "good",
};

export function reviewTone(status: ReviewStatus): Tone {
  return tones[status];
}
