import type { InputHTMLAttributes } from "react";
import { useT } from "../../../i18n/use-t";

interface ChoiceFieldProps {
  legend: string;
  hint?: string;
  error?: string;
  name: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  /** The form library's registration, spread on every radio button. */
  inputProps: InputHTMLAttributes<HTMLInputElement> & { name: string };
}

/** One question, a few answers: radio buttons in a fieldset (one tap each on a phone). */
export function ChoiceField({ legend, hint, error, name, options, defaultValue, inputProps }: ChoiceFieldProps) {
  const t = useT();
  const errorId = error ? `field-${name}-error` : undefined;
  const hintId = hint ? `field-${name}-hint` : undefined;
  return (
    <fieldset className={error ? "checks field-invalid" : "checks"} aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {options.map((option) => (
        <label key={option.value}>
          <input type="radio" value={option.value} defaultChecked={defaultValue === option.value} {...inputProps} /> {option.label}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={errorId}>
          {t.dynamic(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
