import { data } from "@remix-run/node";
import type { FieldErrors, FormValues } from "../../forms/parse-form.server";
import type { CommandResult } from "../../kernel/result";

/** The agreement page's forms, named by their `intent`, so a refusal shows beside the right form. */
export type GrantForm = "accept" | "condition" | "award-conditions" | "cancel" | "suspend" | "resume" | "terminate";

/**
 * A refused form: its messages and what was typed (so a form posted without JavaScript comes back
 * filled in), NUL bytes left out of what is echoed into the page.
 */
export function refused(form: GrantForm | null, errors: FieldErrors, status: number, values: FormValues = {}) {
  const echoed: FormValues = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map((s) => s.replaceAll("\u0000", "")) : v.replaceAll("\u0000", "")]),
  );
  return data({ form, errors, values: echoed }, { status });
}

/** A command's answer: its notice, or its refusal beside the form that asked. */
export function answered<N extends string>(form: GrantForm, result: CommandResult<{ notice: N }>, values: FormValues) {
  if (result.ok) return data({ notice: result.notice });
  return refused(form, result.errors, result.status, values);
}

/** What was posted, as text, for a form refused after its checks passed (a state that changed). */
export function postedValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key === "intent") continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string").map((v) => v.slice(0, 2_000));
    values[key] = all.length === 1 ? all[0] : all;
  }
  return values;
}
