import { applicationMachine } from "./machine";

// Kept only while the decisions module and the demo seeds (db/demo-*.ts), which another branch is
// moving onto the kernel at the same time, still import the old names. Delete this file when
// nothing imports it: the machine is in ./machine.ts.

/** @deprecated Use `applicationMachine` from ./machine. */
export const applicationTransitions = applicationMachine.transitions;
/** @deprecated Import it from ./machine. */
export type { ApplicationStatus } from "./machine";
