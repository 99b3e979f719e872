import { data } from "@remix-run/node";
import type * as z from "zod/mini";
import { parseForm, readForm, type FieldErrors, type FormSchema } from "../../forms/parse-form.server";

// Without JavaScript a refused form comes back as a new page: the inputs are refilled from what
// was posted, so a leader on a slow phone does not type everything again.

const MAX_FORM_BYTES = 256 * 1024;
const ECHO_MAX = 500;

export type FormValues = Record<string, string>;

type Result<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/**
 * parseForm, also returning the posted text of the schema's own fields (cut short, without NUL
 * bytes); fields in `keepOut` (an account number) are never sent back to the page.
 */
export async function parseFormKeepingValues<S extends FormSchema>(
  source: Request | FormData,
  schema: S,
  keepOut: readonly string[] = [],
): Promise<Result<z.output<S>>> {
  const formData = source instanceof FormData ? source : await readForm(source, MAX_FORM_BYTES);
  if (!(formData instanceof FormData)) return { ok: false, errors: { "": formData }, values: {} };
  const values = echoValues(formData, schema, keepOut);
  const parsed = await parseForm(formData, schema);
  return parsed.ok ? { ok: true, data: parsed.data, values } : { ok: false, errors: parsed.errors, values };
}

/** Reads a posted form with the same size limit as parseForm, for actions that first look at `intent`. */
export function readPostedForm(request: Request) {
  return readForm(request, MAX_FORM_BYTES);
}

/**
 * The group form's province search, posted with everything typed so far (without JavaScript the
 * search is a button of the form itself, so searching loses nothing). Takes the search's own two
 * fields out of the form, and gives the search when its button was the one pressed.
 */
export function takeProvinceSearch(formData: FormData): string | null {
  const query = String(formData.get("findProvince") ?? "").slice(0, 60);
  const pressed = formData.get("searchProvince") === "yes";
  formData.delete("findProvince");
  formData.delete("searchProvince");
  return pressed ? query : null;
}

/** The answer to a search: the same form, refilled, its province list found; nothing written. */
export function searched<S extends FormSchema>(formData: FormData, schema: S, query: string, keepOut: readonly string[] = []) {
  return { values: echoValues(formData, schema, keepOut), query };
}

/** The posted text of the schema's own fields (cut short, without NUL bytes), but those kept out. */
function echoValues(formData: FormData, schema: FormSchema, keepOut: readonly string[]): FormValues {
  const values: FormValues = {};
  for (const key of Object.keys(schema._zod.def.shape)) {
    const value = formData.get(key);
    if (typeof value === "string" && !keepOut.includes(key)) values[key] = value.replaceAll("\u0000", "").slice(0, ECHO_MAX);
  }
  return values;
}

/** The 400 answer: field messages and the values to refill; nothing was written. */
export function refused(errors: FieldErrors, values: FormValues) {
  return data({ errors, values }, { status: 400 });
}
