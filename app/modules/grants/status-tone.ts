import type { Tone } from "../../components/ui/status-badge";
import type { GrantStatus } from "./machine";
import type { TrancheStatus } from "./tranche-status";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<GrantStatus, Tone> = {
  awaiting_acceptance: "waiting",
  active: "good",
  completed: "neutral",
  cancelled: "bad",
  suspended: "waiting",
  terminated: "bad",
};

export function grantTone(status: GrantStatus): Tone {
  return tones[status];
}

const trancheTones: Record<TrancheStatus, Tone> = {
  waiting: "neutral",
  held: "waiting",
  due: "waiting",
  partly_paid: "waiting",
  paid: "good",
  cancelled: "bad",
  suspended: "waiting",
};

/** A tranche's standing on the group's schedule: due or partly paid waits on finance. */
export function trancheTone(status: TrancheStatus): Tone {
  return trancheTones[status];
}
