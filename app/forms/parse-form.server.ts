import { data } from "@remix-run/node";
import { z } from "zod";

/** Field name → catalogue key of the first problem found with it ("" for the whole form). */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

// Larger bodies are refused before parsing; file uploads get their own limit where they exist.
const MAX_FORM_BYTES = 256 * 1024;

type Shape = Record<string, z.ZodType>;

function isArrayField(schema: z.ZodType): boolean {
  let current = schema as unknown as { _zod: { def: { type: string; innerType?: unknown } } };
  while (["optional", "default", "nullable"].includes(current._zod.def.type)) {
    current = current._zod.def.innerType as typeof current;
  }
  return current._zod.def.type === "array";
}

/**
 * Reads a submitted form against the form's schema (the same one the browser uses). Fields the
 * schema does not name (other than `intent`) are refused: a posted `status` or `userId` must
 * never slip into a write.
 */
export async function parseForm<S extends z.ZodObject<Shape>>(
  source: Request | FormData,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  if (source instanceof Request) {
    const length = Number(source.headers.get("Content-Length") ?? "0");
    if (length > MAX_FORM_BYTES) return { ok: false, errors: { "": "errors.formTooLarge" } };
  }
  let form: FormData;
  try {
    form = source instanceof Request ? await source.formData() : source;
  } catch {
    return { ok: false, errors: { "": "errors.formUnreadable" } };
  }
  const shape = schema.shape as Shape;
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
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.map(String).join(".");
      errors[name] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, data: result.data };
}

/** The 400 answer every action gives for bad input: field errors, nothing written. */
export function badRequest(errors: FieldErrors) {
  return data({ errors }, { status: 400 });
}
