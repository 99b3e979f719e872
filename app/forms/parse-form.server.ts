import { data } from "@remix-run/node";
import * as z from "zod/mini";
import { readBody, TOO_LARGE } from "../infra/body.server";
import { noteSubmission } from "../kernel/idempotency.server";

import type { FieldErrors } from "../kernel/result";

export type { FieldErrors } from "../kernel/result";

/** What was typed, sent back with the errors so that a form posted without JavaScript comes back filled in. */
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

// Secrets are never sent back, whatever the form.
const SECRET_FIELD = /password|confirm|secret|token/i;

/** What was typed in a form, to send back with a refusal (never a secret, never the intent). */
export function typedValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key === "intent" || SECRET_FIELD.test(key)) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string").map((v) => v.slice(0, 20_000));
    values[key] = all.length === 1 ? all[0] : all;
  }
  return values;
}

// Larger bodies are refused before parsing; file uploads get their own limit where they exist.
export const MAX_FORM_BYTES = 256 * 1024;

/** A form's schema: an object of fields, written with zod/mini (fields-mini.ts) or classic zod (fields.ts). */
export type FormSchema = z.core.$ZodObject;

type Shape = Record<string, z.core.$ZodType>;

function isArrayField(schema: z.core.$ZodType): boolean {
  let current = schema as unknown as { _zod: { def: { type: string; innerType?: unknown } } };
  while (["optional", "default", "nullable"].includes(current._zod.def.type)) {
    current = current._zod.def.innerType as typeof current;
  }
  return current._zod.def.type === "array";
}

/**
 * Reads a request's form through the one bounded reader (infra/body.server.ts), refusing bodies
 * over `limit` bytes as they stream in (a missing or false Content-Length does not get past
 * this), so a huge post costs no memory.
 */
export async function readForm(request: Request, limit: number): Promise<FormData | string> {
  const body = await readBody(request, limit);
  if (body === TOO_LARGE) return TOO_LARGE;
  let form: FormData;
  try {
    const headers = { "Content-Type": request.headers.get("Content-Type") ?? "application/x-www-form-urlencoded" };
    form = await new Response(body, { headers }).formData();
  } catch {
    return "errors.formUnreadable";
  }
  // The form's idempotency key leaves the form here, noted for the command kernel.
  await noteSubmission(form);
  return form;
}

/**
 * Reads a submitted form against the form's schema (the same one the browser uses). Fields the
 * schema does not name (other than `intent`) are refused: a posted `status` or `userId` must
 * never slip into a write.
 */
export async function parseForm<S extends FormSchema>(
  source: Request | FormData,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  let form: FormData;
  if (source instanceof Request) {
    const read = await readForm(source, MAX_FORM_BYTES);
    if (!(read instanceof FormData)) return { ok: false, errors: { "": read }, values: {} };
    form = read;
  } else {
    form = source;
  }
  const shape: Shape = schema._zod.def.shape;
  const errors: FieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key === "intent") continue;
    if (!(key in shape)) {
      // Shown at the top of the form: there is no input of that name to show it beside.
      errors[""] = "errors.unexpectedField";
      continue;
    }
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = isArrayField(shape[key]) ? all : all[0];
  }
  const result = z.safeParse(schema, values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.map(String).join(".");
      errors[name] ??= issue.message;
      // "roles.1" is also reported on "roles", where the form shows it.
      if (issue.path.length > 1) errors[String(issue.path[0])] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors, values: typedValues(form) };
  return { ok: true, data: result.data };
}

/**
 * The 400 answer every action gives for bad input: field errors, nothing written, and (when
 * given) what was typed, so the form comes back filled in.
 */
export function badRequest(errors: FieldErrors, values: FormValues = {}) {
  // A body over the route's limit is a 413, said in the form like any other problem.
  const status = errors[""] === TOO_LARGE ? 413 : 400;
  return data({ errors, values }, { status });
}
