import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../../../i18n/use-t";
import type { WizardPage } from "../wizard.server";
import type { StepProps } from "./step-parts";
import { WizardHeader } from "./wizard-header";

// Each wizard step is its own route (app/routes/applications.$id.step.<n>.tsx), so that a step
// page downloads only its own form; this is what they share.

type StepAnswer = { errors?: Record<string, string>; values?: Record<string, string | string[]> } | undefined;

/**
 * An autosave changes nothing the page shows but the note under the form: reloading the page's
 * data after each one would cost a request on a slow line, and could reset what is being typed.
 */
export const skipAutosaveRevalidation: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

/** The step's header, its form (given the page and the last refusal), and the closed notice. */
export function StepPage({ children }: { children: (props: StepProps) => ReactNode }) {
  const t = useT();
  const page = useLoaderData<WizardPage>();
  const answer = useActionData<StepAnswer>();
  const errors = answer && "errors" in answer ? answer.errors : undefined;
  const posted = answer && "values" in answer ? answer.values : undefined;
  if (!page.application.editable) {
    return (
      <section>
        <h1>{t.dynamic(`applications.step.${page.step}`)}</h1>
        <p className="alert" role="status">
          {t.dynamic(errors?.[""] ?? "applications.errors.notEditable")}
        </p>
        <p>
          <Link to={`/applications/${page.application.id}`}>{t("applications.wizard.overview")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <WizardHeader page={page} />
      {children({ page, errors, posted })}
      <p className="muted">{t("applications.wizard.resume")}</p>
    </section>
  );
}
