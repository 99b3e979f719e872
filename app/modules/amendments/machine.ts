import { changeRequestStatuses, grantVersionStatuses } from "../../../db/schema/amendment-states";
import { defineMachine } from "../../kernel/machine";

// Safe on the client: the amendment pages ask these machines which forms to show.

export type GrantVersionStatus = (typeof grantVersionStatuses)[number];
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];

/**
 * An amendment of an accepted grant (issue 14, item 1): an admin proposes it, a second admin
 * approves it (the database refuses the proposer as approver), and the group's leader or its
 * facilitator accepts the new version, or declines it. Staff may withdraw it until it is accepted.
 */
export const grantVersionMachine = defineMachine<GrantVersionStatus>({
  entity: "grant_version",
  states: grantVersionStatuses,
  transitions: [
    { from: "proposed", to: "approved", by: ["admin"] },
    { from: "proposed", to: "withdrawn", by: ["admin"] },
    { from: "approved", to: "withdrawn", by: ["admin"] },
    { from: "approved", to: "accepted", by: ["owner"] },
    { from: "approved", to: "declined", by: ["owner"] },
  ],
  refused: "amendments.errors.transitionRefused",
});

/** A group's request for a change: staff turn it into an amendment or decline it with a reason. */
export const changeRequestMachine = defineMachine<ChangeRequestStatus>({
  entity: "change_request",
  states: changeRequestStatuses,
  transitions: [
    { from: "open", to: "amended", by: ["admin"] },
    { from: "open", to: "declined", by: ["admin"] },
  ],
  refused: "amendments.errors.transitionRefused",
});
