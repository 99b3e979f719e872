import { forwardRef, type ReactNode, type SelectHTMLAttributes } from "react";
import { useT } from "../../i18n/use-t";

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
  { name, label, hint, error, children, after, ...select },
  ref,
) {
  const t = useT();
  const id = `field-${name}`;
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
      <select
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...select}
      >
        {children}
      </select>
      {after}
      {error ? (
        <p className="field-error" id={errorId}>
          {t.dynamic(error)}
        </p>
      ) : null}
    </div>
  );
});
