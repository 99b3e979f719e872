import type { FieldErrors } from "../../forms/parse-form.server";
import type { DisbursementStatus } from "./transitions";

/**
 * What a payment attempt answers the finance page: the disbursement's status afterwards, or
 * field messages (catalogue keys). 409: the disbursement is not in a payable state (already paid,
 * not approved); 502: the payment provider failed and nothing was paid.
 */
export type PayResult = { ok: true; status: DisbursementStatus } | { ok: false; status: 400 | 404 | 409 | 502; errors: FieldErrors };
