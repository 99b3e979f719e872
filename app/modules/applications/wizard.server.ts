import { data, redirect } from "@remix-run/node";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { applications } from "../../../db/schema";
import { parseForm, readForm } from "../../forms/parse-form.server";
import { formatDate, formatDateTime, formatMoneyWithWords } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { db } from "../../infra/db.server";
import type { Actor, User } from "../../kernel/actor";
import { contextOf, isEditable, linesOf, requireActableApplication, type Application } from "./applications.server";
import { MAX_ATTACHMENT_BYTES, MAX_BLANK_ROWS, stepSchemas, submitSchema, uploadSchema, WIZARD_STEPS, type FormStep } from "./applications.schema";
import { addAttachment, listAttachments, removeAttachment } from "./attachments.server";
import { saveStep, type StepData } from "./drafts.server";
import { toFormValues, type FormValues } from "./form-values";
import { missingOrWrong, submitApplication } from "./submission.server";
import { openClarification } from "./timeline.server";

// The wizard's server side: what each step page shows, and what each of its posts does. Every
// post is a plain form post that saves and moves on (or stays), so the wizard works without
// JavaScript; with it, the same action also takes the autosave posts.

// Room for the multipart framing and the form's other fields around a file of the maximum size.
const UPLOAD_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;
const FORM_LIMIT = 256 * 1024;
const LINE_FIELDS = ["item", "quantity", "unitCost"] as const;

/** Saved amounts, each in figures and in words, in the reader's language. */
export function amountTexts(
  amounts: { requestedAmount: bigint; ownContributionCash: bigint; baselineIncome: bigint | null; targetIncome: bigint | null },
  locale: Locale,
): Record<string, string> {
  const texts: Record<string, string> = { requestedAmount: formatMoneyWithWords(amounts.requestedAmount, locale) };
  if (amounts.ownContributionCash > 0n) texts.ownContributionCash = formatMoneyWithWords(amounts.ownContributionCash, locale);
  if (amounts.baselineIncome !== null) texts.baselineIncome = formatMoneyWithWords(amounts.baselineIncome, locale);
  if (amounts.targetIncome !== null) texts.targetIncome = formatMoneyWithWords(amounts.targetIncome, locale);
  return texts;
}

/**
 * The round's limits against the amount asked, as a catalogue message with its amounts ("" when
 * within them, or before any line is written): screening fails an amount outside them (SPEC.md
 * step 4), so the group hears it while she can still change the budget. Always present, so an
 * autosave answer clears a warning the page showed.
 */
export function limitWarning(requested: bigint, round: { minGrant: bigint; maxGrant: bigint }, locale: Locale): string {
  if (requested <= 0n) return "";
  if (requested > round.maxGrant) return `applications.budget.overMax?${new URLSearchParams({ max: formatMoneyWithWords(round.maxGrant, locale) })}`;
  if (requested < round.minGrant) return `applications.budget.underMin?${new URLSearchParams({ min: formatMoneyWithWords(round.minGrant, locale) })}`;
  return "";
}

/** The answers as the summary and the review show them. *//** The answers as the summary and the review show them. */
export async function answersOf(application: Application, locale: Locale) {
  const lines = await linesOf(application.id);
  return {
    values: toFormValues(application, lines),
    lines: lines.map((l) => ({ item: l.item, quantity: l.quantity, unitCost: l.unitCost, total: l.total })),
    amounts: amountTexts(application, locale),
    attachments: await listAttachments(application.id),
  };
}

function blankRows(url: URL, hasLines: boolean): number {
  const asked = Number(url.searchParams.get("blank"));
  if (Number.isInteger(asked) && asked >= 1 && asked <= MAX_BLANK_ROWS) return asked;
  // A new budget starts with a few rows to fill; a saved one offers one more.
  return hasLines ? 1 : 3;
}

// What each step's page shows of the answers: only its own, so that the page (which carries its
// data for the browser too) stays small; the review shows everything.
const stepFields: Record<number, readonly (keyof FormValues)[]> = {
  1: ["title", "activityType", "naturalResource", "location", "problem", "plan"],
  2: ["item", "quantity", "unitCost", "ownContributionCash", "ownContributionKind"],
  3: ["membersTakingPart", "womenTakingPart", "baselineIncome", "targetIncome"],
  4: ["environmentalCare"],
  5: [],
};

/** "4500000" as "4.500.000" (or "4,500,000"): easier to check on a small screen, and read back the same. */
function grouped(digits: string, locale: Locale): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "vi" ? "." : ",");
}

function forInputs(values: FormValues, locale: Locale): FormValues {
  return {
    ...values,
    unitCost: values.unitCost.map((v) => grouped(v, locale)),
    ownContributionCash: grouped(values.ownContributionCash, locale),
    baselineIncome: grouped(values.baselineIncome, locale),
    targetIncome: grouped(values.targetIncome, locale),
  };
}

function onlyStep(step: number, values: FormValues): FormValues {
  const keep = stepFields[step];
  if (!keep) return values;
  const empty: FormValues = { ...values, item: [], quantity: [], unitCost: [] };
  for (const key of Object.keys(values) as (keyof FormValues)[]) {
    if (!keep.includes(key) && !Array.isArray(empty[key])) (empty as unknown as Record<string, string>)[key] = "";
  }
  for (const key of ["item", "quantity", "unitCost"] as const) if (keep.includes(key)) empty[key] = values[key];
  return empty;
}

export async function loadWizardStep(user: User, id: string, step: number, locale: Locale, url: URL) {
  const { application, relation } = await requireActableApplication(user, id);
  const context = await contextOf(application);
  const answers = await answersOf(application, locale);
  const review = step === WIZARD_STEPS;
  return {
    step,
    application: {
      id: application.id,
      status: application.status,
      // Once submitted, the step pages only say so (a late or repeated post lands here too);
      // a clarification reopens them.
      editable: isEditable(application.status),
      reached: application.step,
      reopenedFields: application.reopenedFields,
    },
    round: {
      title: locale === "vi" ? context.round.titleVi : context.round.titleEn,
      eligibleActivities: step === 1 ? context.round.eligibleActivities : [],
      limits:
        step === 2
          ? { min: formatMoneyWithWords(context.round.minGrant, locale), max: formatMoneyWithWords(context.round.maxGrant, locale) }
          : { min: "", max: "" },
      closes: formatDate(context.round.closesAt, locale),
      acceptsSubmissions: context.acceptsSubmissions,
    },
    group: { name: context.group.name, asFacilitator: relation === "facilitator" },
    values: onlyStep(step, forInputs(answers.values, locale)),
    lines: step === 2 || review ? answers.lines : [],
    amounts:
      step === 2 || review
        ? { ...answers.amounts, limitWarning: limitWarning(application.requestedAmount, context.round, locale) }
        : step === 3
          ? answers.amounts
          : {},
    attachments: step === 5 || review ? answers.attachments : [],
    blankRows: blankRows(url, answers.lines.length > 0),
    missing: review ? missingOrWrong(application, await linesOf(id), context.round) : {},
    clarification: application.status === "clarification_requested" ? await openClarification(id) : null,
    done: url.searchParams.get("done"),
  };
}

/** Marks a step reached without changing any answer (moving on from the attachments). */
async function reachStep(applicationId: string, step: number) {
  await db
    .update(applications)
    .set({ step: sql`greatest(${applications.step}, ${step})` })
    .where(and(eq(applications.id, applicationId), inArray(applications.status, ["draft", "clarification_requested"])));
}

/** What was posted, given back with a refusal so that nothing typed is lost. */
function echo(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === "intent") continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = (LINE_FIELDS as readonly string[]).includes(key) ? all : (all[0] ?? "");
  }
  return values;
}

function answerRefused(errors: Record<string, string>, status: number, values?: Record<string, string | string[]>) {
  return data({ errors, values }, { status });
}

const stepUrl = (id: string, step: number, query = "") => `/applications/${id}/step/${step}${query}`;

/** The budget rows after a "remove this line" button: the row is dropped before anything is checked. */
function withoutRow(form: FormData, index: number): FormData {
  const next = new FormData();
  for (const [key, value] of form.entries()) {
    if (!(LINE_FIELDS as readonly string[]).includes(key)) next.append(key, value);
  }
  for (const key of LINE_FIELDS) {
    form.getAll(key).forEach((value, i) => {
      if (i !== index) next.append(key, value);
    });
  }
  return next;
}

function emptyRowsIn(form: FormData): number {
  const [items, quantities, costs] = LINE_FIELDS.map((k) => form.getAll(k).map((v) => String(v).trim()));
  let empty = 0;
  for (let i = 0; i < Math.max(items.length, quantities.length, costs.length); i++) {
    if (!items[i] && !quantities[i] && !costs[i]) empty++;
  }
  return empty;
}

export async function handleStepPost(request: Request, input: { user: User; id: string; step: number; ip: string; locale: Locale }) {
  const { application, onBehalfOf } = await requireActableApplication(input.user, input.id);
  const actor: Actor = { user: input.user, onBehalfOf, ip: input.ip };
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (input.step === 5 && multipart) return uploadPost(actor, application.id, request);
  const form = await readForm(request, FORM_LIMIT);
  if (!(form instanceof FormData)) return answerRefused({ "": form }, 400);
  const intent = String(form.get("intent") ?? "next");
  if (input.step === 5) return attachmentsPost(actor, application.id, form, intent);
  if (input.step === 6) return submitPost(actor, application.id, form, intent);
  return formStepPost(actor, application, input.step as FormStep, form, intent, input.locale);
}

async function formStepPost(actor: Actor, application: Application, step: FormStep, posted: FormData, intent: string, locale: Locale) {
  const id = application.id;
  const removing = step === 2 && /^remove-line:\d{1,3}$/.test(intent) ? Number(intent.slice("remove-line:".length)) : null;
  const form = removing === null ? posted : withoutRow(posted, removing);
  const present = new Set([...form.keys()].filter((k) => k !== "intent"));
  const parsed = await parseForm(form, stepSchemas[step]);
  if (!parsed.ok) return answerRefused(parsed.errors, 400, echo(form));
  const reached = intent === "next" ? step + 1 : step;
  const saved = await saveStep(actor, id, step, parsed.data as StepData[typeof step], present, { reached, autosave: intent === "autosave" });
  if (!saved.ok) return answerRefused(saved.errors, saved.status, echo(form));
  if (intent === "autosave") {
    const amounts = amountTexts(saved.amounts, locale);
    if (step === 2) amounts.limitWarning = limitWarning(saved.amounts.requestedAmount, (await contextOf(application)).round, locale);
    return { autosaved: formatDateTime(new Date(), locale).slice(11), amounts };
  }
  if (intent === "next") throw redirect(stepUrl(id, step + 1));
  if (intent === "back") throw redirect(step === 1 ? `/applications/${id}` : stepUrl(id, step - 1));
  if (intent === "add-line") throw redirect(stepUrl(id, 2, `?blank=${Math.min(emptyRowsIn(form) + 1, MAX_BLANK_ROWS)}`));
  if (removing !== null) throw redirect(stepUrl(id, 2, `?blank=${Math.max(1, emptyRowsIn(form))}&done=removed`));
  throw redirect(stepUrl(id, step, "?done=saved"));
}

async function uploadPost(actor: Actor, id: string, request: Request) {
  const form = await readForm(request, UPLOAD_LIMIT);
  // The cap holds while the body streams in, whatever Content-Length claimed.
  if (form === "errors.formTooLarge") return answerRefused({ file: "errors.fileTooLarge" }, 400);
  if (!(form instanceof FormData)) return answerRefused({ "": form }, 400);
  for (const key of form.keys()) {
    if (!["intent", "kind", "file"].includes(key)) return answerRefused({ "": "errors.unexpectedField" }, 400);
  }
  const kind = uploadSchema.safeParse({ kind: form.get("kind") ?? undefined });
  const file = form.get("file");
  const errors: Record<string, string> = {};
  if (!kind.success) errors.kind = "errors.invalid";
  if (!(file instanceof File)) errors.file = "applications.errors.fileRequired";
  if (!kind.success || !(file instanceof File)) return answerRefused(errors, 400);
  const outcome = await addAttachment(actor, id, { kind: kind.data.kind, file });
  if (!outcome.ok) return answerRefused(outcome.errors, outcome.status);
  throw redirect(stepUrl(id, 5, "?done=uploaded"));
}

const navigationOnly = z.object({});

async function attachmentsPost(actor: Actor, id: string, form: FormData, intent: string) {
  const parsed = await parseForm(form, navigationOnly);
  if (!parsed.ok) return answerRefused(parsed.errors, 400);
  if (intent.startsWith("remove-attachment:")) {
    const outcome = await removeAttachment(actor, id, intent.slice("remove-attachment:".length));
    if (!outcome.ok) return answerRefused(outcome.errors, outcome.status);
    throw redirect(stepUrl(id, 5, "?done=removed"));
  }
  if (intent === "back") throw redirect(stepUrl(id, 4));
  if (intent === "next") {
    await reachStep(id, 6);
    throw redirect(stepUrl(id, 6));
  }
  return answerRefused({ "": "errors.invalid" }, 400);
}

async function submitPost(actor: Actor, id: string, form: FormData, intent: string) {
  if (intent === "back") {
    const parsed = await parseForm(form, z.object({ consent: z.string().optional() }));
    if (!parsed.ok) return answerRefused(parsed.errors, 400);
    throw redirect(stepUrl(id, 5));
  }
  const parsed = await parseForm(form, submitSchema);
  if (!parsed.ok) return answerRefused(parsed.errors, 400);
  const outcome = await submitApplication(actor, id);
  if (!outcome.ok) return answerRefused(outcome.errors, outcome.status);
  throw redirect(`/applications/${id}?done=submitted`);
}

export type WizardPage = Awaited<ReturnType<typeof loadWizardStep>>;
