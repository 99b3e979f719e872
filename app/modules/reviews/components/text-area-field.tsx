import { forwardRef, type TextareaHTMLAttributes } from "react";
import { useT } from "../../../i18n/use-t";

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  id: string;
  label: string;
  hint?: string;
  /** A catalogue key, as validation gives it. */
  error?: string;
}

/**
 * A labelled textarea with its hint and message, the way Field does it for inputs. The ref is
 * passed on: react-hook-form's register() reads the value through it.
 */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { id, label, hint, error, ...textarea },
  ref,
) {
  const t = useT();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        ref={ref}
        id={id}
        rows={4}
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
