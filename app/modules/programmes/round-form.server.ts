import { readForm, type FieldErrors } from "../../forms/parse-form.server";
import type { CommandResult } from "../../kernel/result";
import { roundSchema, type RoundInput, type RoundLimits } from "./programmes.schema";
import {
  applyRowChange,
  listFields,
  parseRowIntent,
  maxRows,
  rowFields,
  rowLists,
  scalarFields,
  type RoundFormValues,
  type RowList,
} from "./round-values";

// The round form has rows (criteria, tranches, reports) named as react-hook-form names them,
// "criteria.0.labelVi", so that the same names post with and without JavaScript. The shared
// parseForm reads flat forms only; this reads the rows, with the same refusals: no field the form
// does not have, no body over the limit.

const MAX_ROUND_FORM_BYTES = 512 * 1024;

const rowKey = /^(criteria|tranches|reports)\.(\d{1,2})\.([A-Za-z]+)$/;

export type RoundPost = { ok: true; intent: string; values: RoundFormValues } | { ok: false; errors: FieldErrors };

/** Reads a request's body once; the caller dispatches on `intent`, then reads the round from it. */
export async function readRoundBody(request: Request): Promise<FormData | FieldErrors> {
  const form = await readForm(request, MAX_ROUND_FORM_BYTES);
  return form instanceof FormData ? form : { "": form };
}

/** The posted round as typed (strings, rows in order), or a refusal of fields it should not have. */
export function roundValuesFrom(form: FormData): RoundPost {
  // A field left out of the post (a list of checkboxes with none ticked, a forged post) reads as
  // empty: the schema says what is missing, and the page can always show the form again.
  const values: Record<string, unknown> = {
    ...Object.fromEntries(scalarFields.map((field) => [field, ""])),
    ...Object.fromEntries(listFields.map((field) => [field, []])),
  };
  const rows: Record<RowList, Map<number, Record<string, string>>> = {
    criteria: new Map(),
    tranches: new Map(),
    reports: new Map(),
  };
  const scalars = new Set<string>(scalarFields);
  const lists = new Set<string>(listFields);
  for (const key of new Set(form.keys())) {
    if (key === "intent") continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (scalars.has(key)) {
      values[key] = all[0] ?? "";
      continue;
    }
    if (lists.has(key)) {
      values[key] = all;
      continue;
    }
    const match = rowKey.exec(key);
    const list = match?.[1] as RowList | undefined;
    const index = Number(match?.[2]);
    if (!list || index >= maxRows[list] || !(rowFields[list] as readonly string[]).includes(match![3])) {
      return { ok: false, errors: { "": "errors.unexpectedField" } };
    }
    const row = rows[list].get(index) ?? {};
    row[match![3]] = all[0];
    rows[list].set(index, row);
  }
  for (const list of rowLists) {
    // Rows in their posted order; a gap left by a forged index is simply closed up.
    values[list] = [...rows[list].entries()]
      .sort(([a], [b]) => a - b)
      .map(([, row]) => Object.fromEntries(rowFields[list].map((field) => [field, row[field] ?? ""])));
  }
  const intent = form.get("intent");
  return { ok: true, intent: typeof intent === "string" ? intent : "save", values: values as unknown as RoundFormValues };
}

/** Field name ("criteria.0.labelVi", "tranches", "budget") → catalogue key of its first problem. */
export function validateRound(values: RoundFormValues, limits: RoundLimits): { ok: true; data: RoundInput } | { ok: false; errors: FieldErrors } {
  const result = roundSchema(limits).safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    errors[path.join(".")] ??= issue.message;
    // "provinces.3" (one ticked box) is shown on the whole list of boxes.
    if (path.length === 2 && /^\d+$/.test(path[1])) errors[path[0]] ??= issue.message;
  }
  return { ok: false, errors };
}

export interface RoundFormAnswer {
  errors?: FieldErrors;
  /** What was typed; null when the post was refused outright (the page shows its own values). */
  values: RoundFormValues | null;
  /** Changes with every answer, so the page remounts the form on the values sent back. */
  revision: string;
}

/**
 * Handles a post of the round form: a row added or removed comes back as typed (200, nothing
 * written); a save is validated with the limits of the moment and handed to `save`, which answers
 * with field messages when the database refuses (budget overrun, rubric warning).
 */
export async function answerRoundPost(
  form: FormData,
  limits: RoundLimits,
  save: (input: RoundInput) => Promise<CommandResult<{ id?: string }>>,
): Promise<{ saved: true; id?: string } | { saved: false; status: 200 | 400; body: RoundFormAnswer }> {
  const revision = crypto.randomUUID();
  const post = roundValuesFrom(form);
  if (!post.ok) return { saved: false, status: 400, body: { errors: post.errors, values: null, revision } };
  const change = parseRowIntent(post.intent);
  if (change) return { saved: false, status: 200, body: { values: applyRowChange(post.values, change), revision } };
  if (post.intent !== "save") return { saved: false, status: 400, body: { errors: { "": "errors.invalid" }, values: post.values, revision } };
  const parsed = validateRound(post.values, limits);
  if (!parsed.ok) return { saved: false, status: 400, body: { errors: parsed.errors, values: post.values, revision } };
  const outcome = await save(parsed.data);
  if (!outcome.ok) return { saved: false, status: 400, body: { errors: outcome.errors, values: post.values, revision } };
  return { saved: true, id: outcome.id };
}
