import { forwardRef, type ReactNode, type SelectHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame";

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  hint?: string;
  /** A catalogue key, as validation gives it. */
  error?: string;
  children: ReactNode;
  /** Shown under the select, e.g. how many provinces the search found. */
  after?: ReactNode;
}

/** A labelled native select (it posts without JavaScript), wired like Field for screen readers. */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { name, label, hint, error, children, after, id, ...select },
  ref,
) {
  return (
    <FieldFrame id={id ?? `field-${name}`} label={label} hint={hint} error={error} after={after}>
      {(wiring) => (
        <select ref={ref} {...wiring} name={name} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
});
