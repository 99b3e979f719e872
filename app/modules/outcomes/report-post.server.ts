import { data, redirect } from "@remix-run/node";
import { badRequest, parseForm, readForm } from "../../forms/parse-form.server";
import type { Locale } from "../../i18n/locales";
import type { Actor } from "../../kernel/actor";
import type { CommandResult } from "../../kernel/result";
import { MAX_PHOTO_BYTES, reportSchema } from "./outcomes.schema";
import { addReportPhoto, removeReportPhoto, saveReport } from "./reporting.server";
import { blockedReason, type Report } from "./reports.server";
import { getOutcomeSettings } from "./settings.server";

// The report page's posts: save or submit the figures, add or remove a photo. Each answers a
// redirect back to the page on success (so a reload never posts twice) or its messages.

const FORM_LIMIT = 256 * 1024;
// Room for the multipart framing around a photo of the maximum size.
const UPLOAD_LIMIT = MAX_PHOTO_BYTES + 64 * 1024;

export const doneNotices = {
  saved: "outcomes.saved",
  submitted: "outcomes.submitted",
  photoAdded: "outcomes.photoAdded",
  photoRemoved: "outcomes.photoRemoved",
} as const;

type Done = keyof typeof doneNotices;

function answer(report: Pick<Report, "id">, result: CommandResult<{ notice: (typeof doneNotices)[Done] }>, values?: Record<string, string | string[]>) {
  if (!result.ok) return data({ errors: result.errors, values: values ?? {} }, { status: result.status });
  const done = (Object.keys(doneNotices) as Done[]).find((k) => doneNotices[k] === result.notice)!;
  throw redirect(`/reports/${report.id}?done=${done}`);
}

export async function handleReportPost(request: Request, report: Report, actor: Actor, locale: Locale) {
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const form = await readForm(request, multipart ? UPLOAD_LIMIT : FORM_LIMIT);
  if (!(form instanceof FormData)) return badRequest(multipart && form === "errors.formTooLarge" ? { file: "errors.fileTooLarge" } : { "": form });
  const intent = String(form.get("intent") ?? "");

  if (intent === "upload") {
    for (const key of form.keys()) if (key !== "intent" && key !== "file") return badRequest({ "": "errors.unexpectedField" });
    const file = form.get("file");
    if (!(file instanceof File)) return badRequest({ file: "outcomes.errors.fileRequired" });
    return answer(report, await addReportPhoto(report, file, actor));
  }
  if (intent.startsWith("remove-photo:")) {
    for (const key of form.keys()) if (key !== "intent") return badRequest({ "": "errors.unexpectedField" });
    return answer(report, await removeReportPhoto(report, intent.slice("remove-photo:".length), actor));
  }
  if (intent !== "save" && intent !== "submit") return badRequest({ "": "errors.invalid" });

  // An approved report (or one with staff) is refused as such, before its fields are even read.
  const blocked = blockedReason(report);
  if (blocked) return data({ errors: { "": blocked }, values: {} }, { status: blocked === "outcomes.errors.baselineFixed" ? 400 : 409 });
  const { maxMonthlyIncome } = await getOutcomeSettings();
  const parsed = await parseForm(form, reportSchema({ maxIncome: maxMonthlyIncome }, locale));
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const values = Object.fromEntries([...new Set(form.keys())].filter((k) => k !== "intent").map((k) => [k, form.getAll(k).map(String)])) as Record<string, string[]>;
  return answer(report, await saveReport(report, parsed.data, intent, actor, locale), values);
}
