import { roundStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

export type RoundStatus = (typeof roundStatuses)[number];

/**
 * Every allowed change of a round's status, made by hand. Closing by date needs no transition: a
 * round whose closing time has passed takes no submissions (acceptsSubmissions) whatever its status.
 */
export const roundMachine = defineMachine({
  entity: "round",
  states: roundStatuses,
  transitions: [
    { from: "draft", to: "open", by: ["admin"] },
    { from: "open", to: "closed", by: ["admin"] },
  ],
  refused: "programmes.errors.transitionRefused",
});
