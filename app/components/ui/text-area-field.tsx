import { forwardRef, type TextareaHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame";

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
  return (
    <FieldFrame id={id ?? `field-${name}`} label={label} hint={hint} error={error}>
      {(wiring) => <textarea ref={ref} {...wiring} name={name} rows={rows} {...textarea} />}
    </FieldFrame>
  );
});
