import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useT } from "../../i18n/use-t";
import { FieldFrame } from "./field-frame";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  /** An example or a plain-words explanation, shown under the label. */
  hint?: string;
  /** A catalogue key (as validation gives it); translated here. */
  error?: string;
  children?: ReactNode;
}

/**
 * A labelled input with its hint and message, wired for screen readers. It forwards its ref to
 * the input: react-hook-form reads values through it, and without it every value reads as empty.
 */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field({ name, label, hint, error, id, children, ...input }, ref) {
  return (
    <FieldFrame id={id ?? `field-${name}`} label={label} hint={hint} error={error}>
      {(wiring) => children ?? <input ref={ref} {...wiring} name={name} {...input} />}
    </FieldFrame>
  );
});

export function FormError({ error }: { error?: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {t.dynamic(error)}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
