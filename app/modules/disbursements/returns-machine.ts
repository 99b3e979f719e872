import { moneyReturnStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

// Safe on the client: the ledger asks this machine which buttons a money return shows.

export type MoneyReturnStatus = (typeof moneyReturnStatuses)[number];

/**
 * Money coming back (issue 14): one finance user records it, another approves it (the database
 * refuses the same person), or it is withdrawn before approval. Only an approved return counts.
 */
export const moneyReturnMachine = defineMachine<MoneyReturnStatus>({
  entity: "money_return",
  states: moneyReturnStatuses,
  transitions: [
    { from: "prepared", to: "approved", by: ["finance"] },
    { from: "prepared", to: "cancelled", by: ["finance"] },
  ],
  refused: "finance.returns.errors.transitionRefused",
});
