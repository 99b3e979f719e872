// Safe on the client: the statement page names each line's outcome and says how many it shows.

/** What matching found for a line: "match" (proposed) or why it was not matched. */
export const outcomes = ["match", "no_code", "unknown_code", "amount_differs", "ambiguous", "already_paid", "not_payable", "incoming"] as const;
export type Outcome = (typeof outcomes)[number];

/** Lines shown per list; the counts say how many more there are. */
export const SHOWN_LINES = 200;
