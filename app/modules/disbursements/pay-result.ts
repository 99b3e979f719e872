import type { CommandResult } from "../../kernel/result";
import type { DisbursementStatus } from "./machine";

/**
 * What a payment attempt answers the finance page: the disbursement's status afterwards, or
 * field messages (catalogue keys). 409: the disbursement is not in a payable state (already paid,
 * not approved); 502: the payment provider failed and nothing was paid.
 */
export type PayResult = CommandResult<{ status: DisbursementStatus }>;
