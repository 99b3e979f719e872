import type { ReactNode } from "react";
import { useT } from "../../i18n/use-t";

/** What a control needs to be named and described by its field's label, hint and message. */
export interface ControlWiring {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * The frame every labelled control shares (Field, TextAreaField, SelectField, FileField): the
 * label, the hint under it, the control, the message, and the ids that tie them together for
 * screen readers. The control is the caller's, given its wiring.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  after,
  children,
}: {
  id: string;
  label: string;
  /** An example or a plain-words explanation, shown under the label. */
  hint?: string;
  /** A catalogue key (as validation gives it); translated here. */
  error?: string;
  /** Shown under the control, before the message. */
  after?: ReactNode;
  children: (wiring: ControlWiring) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const wiring: ControlWiring = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children(wiring)}
      {after}
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

/** A control's message (a catalogue key, as validation gives it), tied to it by `id`; nothing without one. */
export function FieldMessage({ id, error }: { id: string | undefined; error: string | undefined }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {t.dynamic(error)}
    </p>
  );
}
