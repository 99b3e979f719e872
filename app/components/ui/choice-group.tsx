import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { FieldMessage } from "./field-frame";

export interface Choice {
  value: string;
  label: ReactNode;
}

/**
 * A question answered by ticking boxes (several answers) or one round button (one answer): a
 * fieldset whose legend asks it, one labelled control per choice, the hint and the message tied
 * to the group for screen readers. `input` goes on every control (a name, or react-hook-form's
 * `register(...)`).
 */
export function ChoiceGroup({
  id,
  legend,
  type,
  choices,
  input,
  checked,
  hint,
  after,
  error,
}: {
  /** The message's id is `${id}-error`, the hint's `${id}-hint`. */
  id: string;
  legend: string;
  type: "checkbox" | "radio";
  choices: readonly Choice[];
  input: InputHTMLAttributes<HTMLInputElement> & { name: string };
  /** Which choices start ticked. */
  checked?: (value: string) => boolean;
  hint?: string;
  /** Shown under the choices, before the message (e.g. why a choice is missing). */
  after?: ReactNode;
  /** A catalogue key (as validation gives it); translated here. */
  error?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  // A value typed back by the server (react-hook-form's register gives it as defaultValue) ticks
  // its choice; a box or round button never carries a defaultValue of its own.
  const { defaultValue, ...control } = input;
  const typedBack = (value: string) => (Array.isArray(defaultValue) ? defaultValue.includes(value) : defaultValue === value);
  const isChecked = (value: string) => (checked ? checked(value) : typedBack(value));
  return (
    <fieldset id={id} className={error ? "checks field-invalid" : "checks"} aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {choices.map((choice) => (
        <label key={choice.value}>
          <input type={type} {...control} value={choice.value} defaultChecked={isChecked(choice.value)} /> {choice.label}
        </label>
      ))}
      {after}
      <FieldMessage id={errorId} error={error} />
    </fieldset>
  );
}

type CheckboxFieldProps = InputHTMLAttributes<HTMLInputElement> & { name: string; label: ReactNode; error?: string; id?: string };

/**
 * One box to tick (an agreement, a filter), with its label beside it. The ref is passed on:
 * react-hook-form's register() reads the box through it.
 */
export const CheckboxField = forwardRef<HTMLInputElement, CheckboxFieldProps>(function CheckboxField({ label, error, id, ...input }, ref) {
  const controlId = id ?? `field-${input.name}`;
  const errorId = error ? `${controlId}-error` : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label className="checks" htmlFor={controlId}>
        <input ref={ref} type="checkbox" id={controlId} aria-invalid={error ? true : undefined} aria-describedby={errorId} {...input} /> {label}
      </label>
      <FieldMessage id={errorId} error={error} />
    </div>
  );
});
