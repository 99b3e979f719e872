import type { Tone } from "../../components/ui/status-badge";
import type { GrantStatus } from "./machine";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<GrantStatus, Tone> = {
  awaiting_acceptance: "waiting",
  active: "good",
  completed: "neutral",
  cancelled: "bad",
};

export function grantTone(status: GrantStatus): Tone {
  return tones[status];
}
