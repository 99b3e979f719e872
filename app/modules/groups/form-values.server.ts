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
  const values: FormValues = {};
  for (const key of Object.keys(schema._zod.def.shape)) {
    const value = formData.get(key);
    if (typeof value === "string" && !keepOut.includes(key)) values[key] = value.replaceAll("\u0000", "").slice(0, ECHO_MAX);
  }
  const parsed = await parseForm(formData, schema);
  return parsed.ok ? { ok: true, data: parsed.data, values } : { ok: false, errors: parsed.errors, values };
}

/** Reads a posted form with the same size limit as parseForm, for actions that first look at `intent`. */
export function readPostedForm(request: Request) {
  return readForm(request, MAX_FORM_BYTES);
}

/** The 400 answer: field messages and the values to refill; nothing was written. */
export function refused(errors: FieldErrors, values: FormValues) {
  return data({ errors, values }, { status: 400 });
}
