import type { Tone } from "../../components/ui/status-badge";
import type { DisbursementStatus } from "./machine";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<DisbursementStatus, Tone> = {
  prepared: "waiting",
  approved: "waiting",
  processing: "waiting",
  paid: "good",
  failed: "bad",
  cancelled: "neutral",
  reversed: "bad",
};

export function disbursementTone(status: DisbursementStatus): Tone {
  return tones[status];
}
