import type { Tone } from "../../components/ui/status-badge";
import type { ReportStatus } from "./machine";

// How each state reads at a glance on lists: waiting on someone, done well, gone wrong, or neither.
const tones: Record<ReportStatus, Tone> = {
  pending: "neutral",
  draft: "neutral",
  submitted: "waiting",
  changes_requested: "bad",
  approved: "good",
};

export function reportTone(status: ReportStatus): Tone {
  return tones[status];
}
