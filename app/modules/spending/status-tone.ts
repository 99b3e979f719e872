import type { Tone } from "../../components/ui/status-badge";
import type { SpendingStatus } from "./machine";

// How each state reads at a glance: "not written yet" is neutral like a draft.
const tones: Record<SpendingStatus, Tone> = {
  draft: "neutral",
  submitted: "waiting",
  changes_requested: "bad",
  approved: "good",
};

export function spendingTone(status: SpendingStatus | null): Tone {
  return status ? tones[status] : "neutral";
}
