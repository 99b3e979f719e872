import { data, redirect } from "@remix-run/node";
import { badRequest, parseForm, readForm } from "../../forms/parse-form.server";
import type { Actor } from "../../kernel/actor";
import type { CommandResult } from "../../kernel/result";
import { addReceipt, removeReceipt, saveSpendingReport, type SpendingTarget } from "./commands.server";
import { spendingLink } from "./notices.server";
import { MAX_RECEIPT_BYTES, spendingSchema } from "./spending.schema";

// The spending report page's posts: save or submit, add or remove a receipt. Each answers a
// redirect back to the page on success (a reload never posts twice) or its messages with what
// was typed.

const FORM_LIMIT = 256 * 1024;
// Room for the multipart framing around a receipt of the maximum size.
const UPLOAD_LIMIT = MAX_RECEIPT_BYTES + 64 * 1024;

export const spendingDone = {
  saved: "spending.saved",
  submitted: "spending.submitted",
  receiptAdded: "spending.receiptAdded",
  receiptRemoved: "spending.receiptRemoved",
} as const;

type Done = keyof typeof spendingDone;

/** The fields that travel with the report's form but are not its figures. */
const beside = new Set(["intent", "receipt", "receiptLine"]);

function typedValues(form: FormData): Record<string, string[]> {
  return Object.fromEntries(
    [...new Set(form.keys())].filter((k) => !beside.has(k)).map((k) => [k, form.getAll(k).filter((v) => typeof v === "string")]),
  ) as Record<string, string[]>;
}

function answer(target: SpendingTarget, result: CommandResult<{ notice: (typeof spendingDone)[Done] }>, values: Record<string, string[]> = {}) {
  if (!result.ok) return data({ errors: result.errors, values }, { status: result.status });
  const done = (Object.keys(spendingDone) as Done[]).find((k) => spendingDone[k] === result.notice)!;
  throw redirect(`${spendingLink(target.grantId, target.key)}?done=${done}`);
}

export async function handleSpendingPost(request: Request, target: SpendingTarget, actor: Actor) {
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const form = await readForm(request, multipart ? UPLOAD_LIMIT : FORM_LIMIT);
  if (!(form instanceof FormData)) return badRequest(multipart && form === "errors.formTooLarge" ? { receipt: "errors.fileTooLarge" } : { "": form });
  const intent = String(form.get("intent") ?? "");

  if (intent.startsWith("remove-receipt:")) {
    for (const key of form.keys()) if (key !== "intent") return badRequest({ "": "errors.unexpectedField" });
    return answer(target, await removeReceipt(target, intent.slice("remove-receipt:".length), actor));
  }
  if (intent !== "save" && intent !== "submit" && intent !== "upload") return badRequest({ "": "errors.invalid" });

  // The receipt's field belongs to the report's form: the figures typed above it come with it and
  // are saved as a draft first, so a receipt never costs typed data (as an outcome report's photo).
  const receipt = form.get("receipt");
  const receiptLine = String(form.get("receiptLine") ?? "");
  const figures = new FormData();
  for (const [key, value] of form.entries()) if (!beside.has(key)) figures.append(key, value);
  const parsed = await parseForm(figures, spendingSchema);
  if (!parsed.ok) return badRequest(intent === "upload" ? { ...parsed.errors, receipt: "spending.errors.receiptAfterFields" } : parsed.errors, parsed.values);
  const saved = await saveSpendingReport(target, parsed.data, intent === "submit" ? "submit" : "save", actor);
  if (intent !== "upload" || !saved.ok) return answer(target, saved, typedValues(form));
  if (!(receipt instanceof File) || receipt.size === 0) return badRequest({ receipt: "spending.errors.fileRequired" }, typedValues(form));
  return answer(target, await addReceipt(target, receiptLine, receipt, actor), typedValues(form));
}
