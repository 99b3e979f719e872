// What a command answers. Safe on the client: routes pass refusals to their pages as they are.

/** Field name → catalogue key of the problem ("" for the whole form). */
export type FieldErrors = Record<string, string>;

/** 4xx: the person's input or the entity's state; 502: a provider (Stripe…) failed and nothing happened. */
export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 429 | 502;

export interface Refused {
  ok: false;
  status: RefusalStatus;
  errors: FieldErrors;
}

/**
 * The one result of every command: ok with what the command returns (a notice key, a new id, a
 * status…), or refused with an HTTP status and messages keyed by field.
 */
export type CommandResult<T extends object = object> = ({ ok: true } & T) | Refused;
