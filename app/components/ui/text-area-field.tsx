import { forwardRef, type TextareaHTMLAttributes } from "react";
import { useT } from "../../i18n/use-t";

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  hint?: string;
  /** A catalogue key, as validation gives it. */
  error?: string;
}

/**
 * A labelled multi-line answer with its hint and message, like Field for one line. The ref is
 * passed on: react-hook-form's register() reads the value through it.
 */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { name, label, hint, error, id, rows = 4, ...textarea },
  ref,
) {
  const t = useT();
  const inputId = id ?? `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        ref={ref}
        id={inputId}
        name={name}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...textarea}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          {t.dynamic(error)}
        </p>
      ) : null}
    </div>
  );
});
