import { followUpStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

// Safe on the client: the visits page asks it which follow-ups show a "done" button.

export type FollowUpStatus = (typeof followUpStatuses)[number];

/** A visit's follow-up: open until its owner (or an admin) marks it done. */
export const followUpMachine = defineMachine<FollowUpStatus>({
  entity: "follow_up",
  states: followUpStatuses,
  transitions: [{ from: "open", to: "done", by: ["admin", "finance", "facilitator"] }],
  refused: "visits.errors.alreadyDone",
});
