// The states of an amendment and of a group's request for one (issue 14, item 1). Kept apart from
// enums.ts, with no imports, so the machines (safe on the client) can read them.

/**
 * A version of a grant's agreement: proposed by one admin, approved by another, accepted by the
 * group (or its facilitator on its behalf); or declined by the group, or withdrawn by staff.
 * Version 1 is the original agreement, written as accepted when the first amendment is proposed.
 */
export const grantVersionStatuses = ["proposed", "approved", "accepted", "declined", "withdrawn"] as const;

/** A group's request for a change: open until staff turn it into an amendment or decline it. */
export const changeRequestStatuses = ["open", "amended", "declined"] as const;
