// What the four form steps (project, budget, results, environment) share: their props, the
// lazily loaded schemas, the lock of a clarification, the buttons and the autosave note.

import { useT } from "../../../i18n/use-t";
import type { budgetSchema, environmentSchema, outcomesSchema, projectSchema } from "../applications.schema";
import { fieldOf } from "../fields-meta";
import type { WizardPage } from "../wizard.server";
import { useDraftForm } from "./use-draft-form";

export interface StepProps {
  page: WizardPage;
  /** The action's field messages (catalogue keys), after a refused post. */
  errors?: Record<string, string>;
  /** What the refused post held, shown again so that nothing typed is lost. */
  posted?: Record<string, string | string[]>;
}

export type Values = Record<string, string | string[]>;

interface StepSchemas {
  projectSchema: typeof projectSchema;
  budgetSchema: typeof budgetSchema;
  outcomesSchema: typeof outcomesSchema;
  environmentSchema: typeof environmentSchema;
}

/** A step's schema, loaded when needed (see useDraftForm): not part of the page's first download. */
export function loadSchema<K extends keyof StepSchemas>(name: K): () => Promise<StepSchemas[K]> {
  return () => import("../applications.schema").then((schemas) => schemas[name]);
}

export function valuesOf({ page, posted }: StepProps): Values {
  return { ...(page.values as unknown as Values), ...(posted ?? {}) };
}

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** While a clarification is open, only the fields it reopened can be changed. */
export function lockedIn(page: WizardPage) {
  return (name: string) => {
    if (page.application.status !== "clarification_requested") return false;
    const field = fieldOf(name);
    return field === null || !page.application.reopenedFields.includes(field);
  };
}

export function StepButtons() {
  const t = useT();
  return (
    <div className="inline-form">
      <button type="submit" name="intent" value="next">
        {t("applications.wizard.next")}
      </button>
      <button type="submit" name="intent" value="stay" className="secondary">
        {t("applications.wizard.stay")}
      </button>
      <button type="submit" name="intent" value="back" className="secondary">
        {t("applications.wizard.back")}
      </button>
    </div>
  );
}

export function AutosaveNote({ state }: { state: ReturnType<typeof useDraftForm>["autosave"] }) {
  const t = useT();
  let text = "";
  if (state.state !== "idle") text = t("applications.autosave.saving");
  else if (state.failed) text = t("applications.autosave.failed");
  else if (state.savedAt) text = t("applications.autosave.saved", { time: state.savedAt });
  return (
    <p className="muted" role="status" aria-live="polite">
      {text}
    </p>
  );
}

