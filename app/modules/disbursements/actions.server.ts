import { data, redirect } from "@remix-run/node";
import { isUuid } from "../../kernel/ids";
import { parseForm, readForm, type FieldErrors } from "../../forms/parse-form.server";
import { hasPermission, type Permission } from "../auth/permissions";
import { bankPaymentSchema, cancelSchema, cashPaymentSchema, emptySchema, MAX_RECEIPT_BYTES } from "./disbursements.schema";
import type { Actor } from "../../kernel/actor";
import { approveDisbursement, cancelDisbursement, recordBankPayment, recordCashPayment, type DisbursementResult } from "./disbursements.server";
import type { PayResult } from "./pay-result";
import { payByStripe } from "./stripe-payment.server";
import { drawVietQr } from "./vietqr.server";

// The disbursement page's forms, one intent each. Every post is read against its own schema
// first (an empty or foreign post is a 400 for anyone the route lets in), then the permission the
// intent needs, then the command, which checks the rest on locked rows.

// A signed receipt's scan plus the form's few fields.
const UPLOAD_LIMIT = MAX_RECEIPT_BYTES + 64 * 1024;

export const intents = ["approve", "cancel", "pay-stripe", "show-qr", "pay-bank", "pay-cash"] as const;
export type Intent = (typeof intents)[number];

const needs: Record<Intent, Permission> = {
  approve: "approve:disbursement",
  cancel: "prepare:disbursement",
  "pay-stripe": "pay:disbursement",
  "show-qr": "pay:disbursement",
  "pay-bank": "pay:disbursement",
  "pay-cash": "pay:disbursement",
};

const refused = (errors: FieldErrors, status: number, values: Record<string, string | string[]> = {}) =>
  data({ errors, values, qr: null }, { status });

function done(id: string, result: DisbursementResult | PayResult, what: string, values: Record<string, string | string[]> = {}) {
  if (!result.ok) return refused(result.errors, result.status, values);
  return redirect(`/finance/disbursements/${id}?done=${what}`);
}


export async function disbursementAction(id: string, request: Request, actor: Actor) {
  // A malformed id is no disbursement, whatever the intent (it reached the database as a 500).
  if (!isUuid(id)) return refused({ "": "disbursements.errors.notFound" }, 404);
  const body = await readForm(request, UPLOAD_LIMIT);
  if (body === "errors.formTooLarge") return refused({ receipt: "errors.fileTooLarge" }, 400);
  if (!(body instanceof FormData)) return refused({ "": body }, 400);
  const intent = String(body.get("intent") ?? "") as Intent;
  if (!intents.includes(intent)) return refused({ "": "errors.invalid" }, 400);

  // The file travels beside the fields; the schema reads only the fields.
  const receipt = body.get("receipt");
  if (intent === "pay-cash") body.delete("receipt");
  const schema = { approve: emptySchema, cancel: cancelSchema, "pay-stripe": emptySchema, "show-qr": emptySchema, "pay-bank": bankPaymentSchema, "pay-cash": cashPaymentSchema }[intent];
  const form = await parseForm(body, schema);
  if (!form.ok) return refused(form.errors, 400, form.values);
  if (!hasPermission(actor.user.roles, needs[intent])) return refused({ "": "disbursements.errors.notAllowed" }, 403);

  switch (intent) {
    case "approve":
      return done(id, await approveDisbursement(id, actor), "approved");
    case "cancel": {
      const { reason } = form.data as { reason: string };
      return done(id, await cancelDisbursement(id, reason, actor), "cancelled", { reason });
    }
    case "pay-stripe":
      return done(id, await payByStripe(id, actor), "stripe");
    case "show-qr": {
      const drawn = await drawVietQr(id, actor);
      if (!drawn.ok) return refused(drawn.errors, drawn.status);
      return { errors: null, values: {}, qr: { ...drawn.qr, amount: drawn.qr.amount.toString() } };
    }
    case "pay-bank": {
      const payment = form.data as { bankReference: string; paidOn: string };
      return done(id, await recordBankPayment(id, payment, actor), "paid", payment);
    }
    case "pay-cash": {
      const { paidOn } = form.data as { paidOn: string };
      if (!(receipt instanceof File)) return refused({ receipt: "disbursements.errors.receiptRequired" }, 400, { paidOn });
      return done(id, await recordCashPayment(id, { paidOn, receipt }, actor), "paid", { paidOn });
    }
  }
}
