import type { Transition } from "../audit/transitions.server";

export type RoundStatus = "draft" | "open" | "closed";

/**
 * Every allowed change of a round's status, made by hand. Closing by date needs no transition: a
 * round whose closing time has passed takes no submissions (acceptsSubmissions) whatever its status.
 */
export const roundTransitions: readonly Transition<RoundStatus>[] = [
  { from: "draft", to: "open", by: ["admin"] },
  { from: "open", to: "closed", by: ["admin"] },
];

/** The buttons a round's page shows: the transitions out of its status. */
export function nextStatuses(from: RoundStatus): RoundStatus[] {
  return roundTransitions.filter((t) => t.from === from).map((t) => t.to);
}
