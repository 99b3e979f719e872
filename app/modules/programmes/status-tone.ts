import type { Tone } from "../../components/ui/status-badge";
import type { RoundStatus } from "./machine";
import type { RoundPhase } from "./round-phase";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<RoundStatus, Tone> = {
  draft: "neutral",
  open: "good",
  closed: "neutral",
};

export function roundTone(status: RoundStatus): Tone {
  return tones[status];
}

const phaseTones: Record<RoundPhase, Tone> = {
  draft: "neutral",
  scheduled: "waiting",
  open: "good",
  closedByDate: "neutral",
  closed: "neutral",
};

/** A round's phase (its status as the clock refines it): open reads good, scheduled waits. */
export function roundPhaseTone(phase: RoundPhase): Tone {
  return phaseTones[phase];
}
