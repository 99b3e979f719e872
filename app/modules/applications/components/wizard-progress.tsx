import { Link } from "@remix-run/react";
import { useT } from "../../../i18n/use-t";
import { WIZARD_STEPS } from "../fields-meta";

const steps = Array.from({ length: WIZARD_STEPS }, (_, i) => i + 1);

/**
 * "Step 2 of 6", the step names as links, and which are done. The current step is marked for
 * screen readers with aria-current="step"; the bar is a native <progress>.
 */
export function WizardProgress({ applicationId, current, reached }: { applicationId: string; current: number; reached: number }) {
  const t = useT();
  return (
    <nav aria-label={t("applications.wizard.progress")} className="wizard-progress">
      <p id="wizard-step-of">
        <strong>{t("applications.wizard.stepOf", { n: current, total: WIZARD_STEPS })}</strong>
      </p>
      <progress max={WIZARD_STEPS} value={current} aria-labelledby="wizard-step-of">
        {current}/{WIZARD_STEPS}
      </progress>
      <ol>
        {steps.map((n) => {
          const name = t.dynamic(`applications.step.${n}`);
          const done = n < reached ? ` (${t("applications.wizard.visited")})` : "";
          return (
            <li key={n}>
              {n === current ? (
                <strong aria-current="step">{name}</strong>
              ) : (
                <Link to={`/applications/${applicationId}/step/${n}`}>{name}</Link>
              )}
              {done ? <span className="muted">{done}</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
