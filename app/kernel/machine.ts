import type { Role, User } from "./actor";

// State machines. Safe on the client: a page asks `can(machine, state, to, parties)` which
// buttons to show, from the same table the server applies.

/** Who may apply a transition: a role; "owner", the group's own people (its leader, its facilitators); "system", a job. */
export type Party = Role | "owner" | "system";

/** One allowed change of a status field: from which state, to which, by whom. */
export interface Transition<S extends string> {
  from: S;
  to: S;
  by: readonly Party[];
}

export interface Machine<S extends string> {
  /** The audit log's entity type, and the first part of its action ("grant.active"). */
  entity: string;
  /** Every state, from the list the `pgEnum` is made of (db/schema/enums.ts). */
  states: readonly S[];
  transitions: readonly Transition<S>[];
  /** The catalogue key shown when a transition is refused ("not possible in this state"). */
  refused: string;
}

export function defineMachine<S extends string>(machine: Machine<S>): Machine<S> {
  return machine;
}

/** The parties a user acts as: their roles, and "owner" when they are one of the group's people. */
export function partiesOf(user: Pick<User, "roles">, options: { owner?: boolean } = {}): Party[] {
  return options.owner ? [...user.roles, "owner"] : [...user.roles];
}

export function findTransition<S extends string>(
  machine: Machine<S>,
  from: S,
  to: S,
  parties: readonly Party[],
): Transition<S> | undefined {
  return machine.transitions.find((t) => t.from === from && t.to === to && t.by.some((b) => parties.includes(b)));
}

/** May these parties move the entity from `from` to `to`? */
export function can<S extends string>(machine: Machine<S>, from: S, to: S, parties: readonly Party[]): boolean {
  return findTransition(machine, from, to, parties) !== undefined;
}

/** Every state these parties may move the entity to from `from`. */
export function nextStates<S extends string>(machine: Machine<S>, from: S, parties: readonly Party[]): S[] {
  return machine.transitions.filter((t) => t.from === from && t.by.some((b) => parties.includes(b))).map((t) => t.to);
}

/** A transition not in the table: the command kernel answers it with a 409 and `messageKey`. */
export class TransitionRefused extends Error {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
    readonly messageKey: string,
  ) {
    super(`${entity}: transition ${from} → ${to} is not allowed`);
  }
}

/** The transition, or a thrown `TransitionRefused`: a change not in the table never happens. */
export function assertTransition<S extends string>(machine: Machine<S>, from: S, to: S, parties: readonly Party[]): Transition<S> {
  const found = findTransition(machine, from, to, parties);
  if (!found) throw new TransitionRefused(machine.entity, from, to, machine.refused);
  return found;
}
