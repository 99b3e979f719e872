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
    const file = form.get("file");
    // The photo's button belongs to the report's own form, so the figures typed above it come
    // with the photo: they are saved as a draft first, and a photo never costs typed data.
    const typed = [...form.keys()].some((key) => key !== "intent" && key !== "file");
    if (typed) {
      const blocked = blockedReason(report);
      if (blocked) return data({ errors: { "": blocked }, values: {} }, { status: 409 });
      const { maxMonthlyIncome } = await getOutcomeSettings();
      const draft = new FormData();
      for (const [key, value] of form.entries()) if (key !== "intent" && key !== "file") draft.append(key, value);
      const parsed = await parseForm(draft, reportSchema({ maxIncome: maxMonthlyIncome }, locale));
      // Kept as typed, with their messages; the photo waits until they are right.
      if (!parsed.ok) return badRequest({ ...parsed.errors, file: "outcomes.errors.photoAfterFields" }, parsed.values);
      const saved = await saveReport(report, parsed.data, "save", actor, locale);
      if (!saved.ok) return data({ errors: saved.errors, values: typedValues(form) }, { status: saved.status });
    }
    if (!(file instanceof File) || file.size === 0) return badRequest({ file: "outcomes.errors.fileRequired" });
    return answer(report, await addReportPhoto(report, file, actor));
  }
  if (intent.startsWith("remove-photo:")) {
    for (const key of form.keys()) if (key !== "intent") return badRequest({ "": "errors.unexpectedField" });
    return answer(report, await removeReportPhoto(report, intent.slice("remove-photo:".length), actor));
  }
  if (intent !== "save" && intent !== "submit") return badRequest({ "": "errors.invalid" });
  // The photo field belongs to this form too: saving or submitting ignores it (its own button adds it).
  form.delete("file");

  // An approved report (or one with staff) is refused as such, before its fields are even read.
  const blocked = blockedReason(report);
  if (blocked) return data({ errors: { "": blocked }, values: {} }, { status: blocked === "outcomes.errors.baselineFixed" ? 400 : 409 });
  const { maxMonthlyIncome } = await getOutcomeSettings();
  const parsed = await parseForm(form, reportSchema({ maxIncome: maxMonthlyIncome }, locale));
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  return answer(report, await saveReport(report, parsed.data, intent, actor, locale), typedValues(form));
}

/** What was typed, as it came (every value of a repeated field), to put back into the form. */
function typedValues(form: FormData): Record<string, string[]> {
  return Object.fromEntries(
    [...new Set(form.keys())].filter((k) => k !== "intent" && k !== "file").map((k) => [k, form.getAll(k).filter((v) => typeof v === "string")]),
  ) as Record<string, string[]>;
}
