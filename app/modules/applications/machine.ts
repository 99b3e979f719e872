import { applicationStatuses } from "../../../db/schema/enums";
import { defineMachine } from "../../kernel/machine";

export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * Every allowed change of an application's status (SPEC.md steps 3–4, and 6 for the decisions
 * module). "owner" is the group's leader or one of its facilitators.
 */
export const applicationMachine = defineMachine({
  entity: "application",
  states: applicationStatuses,
  transitions: [
    { from: "draft", to: "submitted", by: ["owner"] },
    { from: "submitted", to: "eligible", by: ["admin"] },
    { from: "submitted", to: "ineligible", by: ["admin"] },
    { from: "submitted", to: "clarification_requested", by: ["admin"] },
    // The group's answer sends it back to screening.
    { from: "clarification_requested", to: "submitted", by: ["owner"] },
    // Decisions after review (SPEC.md step 6); a waitlisted application can still be funded later.
    { from: "eligible", to: "approved", by: ["admin"] },
    { from: "eligible", to: "waitlisted", by: ["admin"] },
    { from: "eligible", to: "rejected", by: ["admin"] },
    { from: "waitlisted", to: "approved", by: ["admin"] },
    { from: "waitlisted", to: "rejected", by: ["admin"] },
    // The group may take its application back until it is decided for good (approved: a grant,
    // declined or cancelled by its own machine; rejected, ineligible: nothing left to take back).
    { from: "draft", to: "withdrawn", by: ["owner"] },
    { from: "submitted", to: "withdrawn", by: ["owner"] },
    { from: "clarification_requested", to: "withdrawn", by: ["owner"] },
    { from: "eligible", to: "withdrawn", by: ["owner"] },
    { from: "waitlisted", to: "withdrawn", by: ["owner"] },
  ],
  refused: "applications.errors.transitionRefused",
});
