import type { payments as vi } from "../vi/payments";

export const payments: Record<keyof typeof vi, string> = {
  "payments.title": "Stripe payments",

  "payments.errors.notAllowed": "You may not pay disbursements.",
  "payments.errors.notConfigured": "Stripe is not configured on this server.",
  "payments.errors.notFound": "This disbursement does not exist.",
  "payments.errors.notStripe": "This disbursement is not paid through Stripe.",
  "payments.errors.alreadyProcessing": "This disbursement is already being sent through Stripe. Do not pay it again: its status will update by itself.",
  "payments.errors.alreadyPaid": "This disbursement has been paid.",
  "payments.errors.notApproved": "This disbursement is not approved, or no longer waiting to be paid.",
  "payments.errors.noAccount": "The group has no Stripe account to receive the money.",
  "payments.errors.amountTooLarge": "The amount is too large to send through Stripe.",
  "payments.errors.outcomeUnknown":
    "Stripe did not answer clearly. The disbursement stays “processing”: Stripe's notification or reconciliation will tell whether the money left. Do not pay it again.",
  "payments.stripe.amount": "Stripe refused the transfer: the amount or currency is not valid. Nothing was paid.",
  "payments.stripe.balanceInsufficient": "The programme's Stripe balance is too low. Nothing was paid; top it up and transfer again.",
  "payments.stripe.destination": "Stripe refused to pay into the group's Stripe account (it cannot receive transfers yet). Nothing was paid; check the group's account on Stripe.",
  "payments.stripe.other": "Stripe refused the transfer (error code: {code}). Nothing was paid.",

  "payments.failure.notAtStripe": "Reconciliation: Stripe has no transfer for this disbursement; nothing was paid. It may be prepared again.",
  "payments.failure.reversed": "Stripe reversed transfer {transfer}: the money went back to the programme.",
  "payments.failure.partlyReversed": "Stripe reversed part (₫{reversed}) of transfer {transfer}. Check it in Stripe.",
  "payments.failure.mismatch": "Transfer {transfer} at Stripe has another amount or currency than this disbursement. Check it in Stripe.",
  "payments.failure.otherTransfer": "Stripe reports another transfer ({transfer}) for this disbursement. Check it in Stripe.",
  "payments.failure.transferAfterFailure":
    "Stripe reports transfer {transfer} for a disbursement marked failed or cancelled: the money may have left. Check it in Stripe before paying again.",

  "payments.reconcile.title": "Reconcile Stripe transfers",
  "payments.reconcile.intro":
    "Finds disbursements still “processing” (for instance when the server stopped half-way) and asks Stripe whether their transfer exists. This never sends any money.",
  "payments.reconcile.waiting": "Disbursements processing: {count}.",
  "payments.reconcile.grace": "Those started in the last {minutes} minutes are left for the next time.",
  "payments.reconcile.submit": "Reconcile with Stripe",
  "payments.reconcile.done":
    "Checked {checked}: {paid} paid, {reversed} reversed, {failed} with nothing paid, {unresolved} where Stripe could not be asked (try again later).",
  "payments.reconcile.notConfigured": "Stripe is not configured on this server: there is nothing to reconcile.",
  "payments.reconcile.back": "← Disbursement queue",

  "payments.account.title": "The group's Stripe account",
  "payments.account.intro": "Money sent through Stripe goes to this connected account of the group.",
  "payments.account.current": "Current account: {account}",
  "payments.account.none": "The group has no Stripe account.",
  "payments.account.field": "Stripe account id",
  "payments.account.hint": "Copy it from Stripe, e.g. acct_1Nv0FGQ9RKHgCVdK. Leave empty to remove the account.",
  "payments.account.invalid": "A Stripe account id starts with acct_ followed by letters and digits, e.g. acct_1Nv0FGQ9RKHgCVdK.",
  "payments.account.save": "Save the account",
  "payments.account.saved": "The group's Stripe account is saved.",
  "payments.account.removed": "The group's Stripe account is removed.",
  "payments.account.back": "← Disbursement queue",
};
