import type { RoundStatus } from "./machine";

/**
 * What a round is to an applicant right now: its status as set by hand, refined by the clock. An
 * open round before its opening time is "scheduled"; after its closing time, "closedByDate".
 */
export type RoundPhase = "draft" | "scheduled" | "open" | "closedByDate" | "closed";

export function roundPhase(
  round: { status: RoundStatus; opensAt: Date | string; closesAt: Date | string },
  now = new Date(),
): RoundPhase {
  if (round.status !== "open") return round.status;
  if (now < new Date(round.opensAt)) return "scheduled";
  if (now >= new Date(round.closesAt)) return "closedByDate";
  return "open";
}
