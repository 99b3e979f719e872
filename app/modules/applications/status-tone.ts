import type { Tone } from "../../components/ui/status-badge";
import type { ApplicationStatus } from "./machine";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<ApplicationStatus, Tone> = {
  draft: "neutral",
  submitted: "waiting",
  clarification_requested: "waiting",
  eligible: "waiting",
  ineligible: "bad",
  approved: "good",
  waitlisted: "waiting",
  rejected: "bad",
  withdrawn: "neutral",
};

export function applicationTone(status: ApplicationStatus): Tone {
  return tones[status];
}
