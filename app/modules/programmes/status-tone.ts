import type { Tone } from "../../components/ui/status-badge";
import type { RoundStatus } from "./machine";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<RoundStatus, Tone> = {
  draft: "neutral",
  open: "good",
  closed: "neutral",
};

export function roundTone(status: RoundStatus): Tone {
  return tones[status];
}
