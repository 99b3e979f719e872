import { data } from "@remix-run/node";
import type { FieldErrors } from "../../forms/parse-form.server";

/**
 * A refused decision form: its messages, and what was typed, so that without JavaScript (the page
 * is rendered again by the server) no reason the admin wrote is lost. NUL bytes, refused by the
 * form's checks, are not echoed back into the page.
 */
export function refusal<V extends Record<string, string>>(errors: FieldErrors, status: number, values: V | null = null) {
  const echoed = values && (Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.replaceAll("\u0000", "")])) as V);
  return data({ errors, values: echoed }, { status });
}
