import { reviewMachine } from "./machine";

// Kept only while the demo seeds (db/demo-reviews.ts, which another branch edits at the same
// time) still import the old names. Delete this file when nothing imports it: the machine is in
// ./machine.ts.

/** @deprecated Use `reviewMachine` from ./machine. */
export const reviewTransitions = reviewMachine.transitions;
/** @deprecated Import it from ./machine. */
export type { ReviewStatus } from "./machine";
